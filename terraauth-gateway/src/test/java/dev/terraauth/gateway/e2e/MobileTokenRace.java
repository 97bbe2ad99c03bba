package dev.terraauth.gateway.e2e;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Fires concurrent {@code POST /api/terra/mobile-token} requests for one user, spread round-robin
 * over gateway instances and released together, and counts the answers by status.
 */
final class MobileTokenRace {
  record Outcome(int issued, int limited, List<Integer> others) {}

  private MobileTokenRace() {}

  static String token(String user) throws Exception {
    SignedJWT jwt =
        new SignedJWT(
            new JWSHeader(JWSAlgorithm.HS256),
            new JWTClaimsSet.Builder()
                .issuer(Stack.ISSUER)
                .audience(Stack.AUDIENCE)
                .subject(user)
                .expirationTime(Date.from(Instant.now().plusSeconds(300)))
                .build());
    jwt.sign(new MACSigner(Stack.JWT_SECRET.revealBytes()));
    return jwt.serialize();
  }

  static Outcome race(List<Integer> ports, String user, int requests) throws Exception {
    HttpClient http = HttpClient.newHttpClient();
    String bearer = token(user);
    ExecutorService pool = Executors.newFixedThreadPool(requests);
    CountDownLatch go = new CountDownLatch(1);
    List<Future<Integer>> statuses = new ArrayList<>();
    try {
      for (int i = 0; i < requests; i++) {
        int port = ports.get(i % ports.size());
        statuses.add(
            pool.submit(
                () -> {
                  go.await();
                  return http.send(
                          HttpRequest.newBuilder(
                                  URI.create(
                                      "http://127.0.0.1:" + port + "/api/terra/mobile-token"))
                              .header("Authorization", "Bearer " + bearer)
                              .POST(HttpRequest.BodyPublishers.noBody())
                              .build(),
                          HttpResponse.BodyHandlers.discarding())
                      .statusCode();
                }));
      }
      go.countDown();
      int issued = 0;
      int limited = 0;
      List<Integer> others = new ArrayList<>();
      for (Future<Integer> status : statuses) {
        switch (status.get()) {
          case 200 -> issued++;
          case 429 -> limited++;
          default -> others.add(status.get());
        }
      }
      return new Outcome(issued, limited, others);
    } finally {
      pool.shutdownNow();
    }
  }
}
