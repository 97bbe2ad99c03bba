package dev.terraauth.gateway.http;

import dev.terraauth.gateway.auth.DevLogin;
import io.javalin.http.Context;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/** The {@code local} start page and its development-only login. Never routed elsewhere. */
public final class LocalPages {
  private final DevLogin login;
  private final String startPage;

  public LocalPages(DevLogin login) {
    this.login = login;
    try (InputStream in =
        LocalPages.class.getResourceAsStream("/dev/terraauth/gateway/start.html")) {
      if (in == null) {
        throw new IllegalStateException("start.html is missing from the gateway jar");
      }
      startPage = new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public void startPage(Context ctx) {
    ctx.contentType("text/html; charset=utf-8").result(startPage);
  }

  /** Body of {@code POST /dev/login}. */
  record LoginBody(String name) {}

  public void devLogin(Context ctx) {
    LoginBody body = AppApi.readBody(ctx, LoginBody.class);
    String token;
    try {
      token = login.issue(body == null ? null : body.name());
    } catch (IllegalArgumentException e) {
      throw ProblemException.badRequest(e.getMessage());
    }
    ctx.header("Cache-Control", "no-store");
    ctx.json(
        Map.of(
            "token", token,
            "user_id", body.name().strip(),
            "expires_in", DevLogin.LIFETIME.toSeconds()));
  }
}
