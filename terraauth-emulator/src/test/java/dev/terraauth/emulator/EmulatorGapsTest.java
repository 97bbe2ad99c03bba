package dev.terraauth.emulator;

import static dev.terraauth.emulator.SpecSchemas.assertValid;
import static dev.terraauth.emulator.SpecSchemas.component;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.terraauth.testing.Browser;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/**
 * What running Terra's own SDKs against the emulator found missing: {@code modifyUser}, plain
 * HTTP/1.1 webhooks, provider icons, legacy-base error bodies in the current profile, and the 404
 * of {@code bulkUserInfo}.
 */
class EmulatorGapsTest {
  @Test
  void modifyUserRoundTripsInBothProfiles() throws Exception {
    for (Profile profile : Profile.values()) {
      try (TerraEmulator terra = TerraEmulator.builder().port(0).profile(profile).start()) {
        Api api = Api.local(terra.apiBaseUrl());
        String userId = Flows.connectUser(api, new Browser(terra.baseUrl()), "GARMIN", "before");

        Api.Response patched =
            api.send("PATCH", "/users/" + userId, "{\"reference_id\":\"after\",\"active\":false}");
        assertThat(patched.status()).as(profile.name()).isEqualTo(200);
        JsonNode body = patched.json();
        assertThat(body.path("status").asText()).isEqualTo("success");
        assertThat(body.path("user").path("reference_id").asText()).isEqualTo("after");
        assertThat(body.path("user").path("active").asBoolean()).isFalse();
        assertValid(component("TerraUser"), body.path("user").toString());

        JsonNode read = api.get("/userInfo?user_id=" + userId).json().path("user");
        assertThat(read.path("reference_id").asText()).isEqualTo("after");
        assertThat(read.path("active").asBoolean()).isFalse();
        assertThat(api.get("/userInfo?reference_id=after").json().size()).isEqualTo(1);

        Api.Response unknown = api.send("PATCH", "/users/no-such-user", "{\"active\":true}");
        assertThat(unknown.status()).isEqualTo(400);
        Api.Response malformed = api.send("PATCH", "/users/" + userId, "{\"active\":\"yes\"}");
        assertThat(malformed.status()).isEqualTo(400);
        assertThat(malformed.body()).contains("active must be true or false");
        if (profile == Profile.CURRENT) {
          assertThat(malformed.contentType()).startsWith("application/problem+json");
        } else {
          assertThat(malformed.json().path("status").asText()).isEqualTo("error");
        }
      }
    }
  }

  @Test
  void webhooksArePlainHttp11WithoutAnUpgradeHeader() throws Exception {
    try (WebhookReceiver receiver = new WebhookReceiver();
        TerraEmulator terra =
            TerraEmulator.builder()
                .port(0)
                .account(EmulatorAccount.local().withWebhookUrl(receiver.url()))
                .start()) {
      Flows.connectUser(
          Api.local(terra.apiBaseUrl()), new Browser(terra.baseUrl()), "GARMIN", "h1");
      WebhookReceiver.Received delivery = receiver.next();
      assertThat(delivery.type()).isEqualTo("auth");
      assertThat(delivery.header("Upgrade")).isNull();
      assertThat(delivery.header("HTTP2-Settings")).isNull();
      assertThat(delivery.header("Connection"))
          .satisfiesAnyOf(
              value -> assertThat(value).isNull(),
              value -> assertThat(value).doesNotContainIgnoringCase("upgrade"));
    }
  }

  @Test
  void everyDetailedIntegrationIconIsServed() throws Exception {
    try (TerraEmulator terra = TerraEmulator.builder().port(0).start()) {
      JsonNode providers =
          Api.local(terra.apiBaseUrl())
              .get("/integrations/detailed?sdk=true")
              .json()
              .get("providers");
      assertThat(providers.size()).isGreaterThan(5);
      HttpClient http = HttpClient.newHttpClient();
      for (JsonNode provider : providers) {
        HttpResponse<byte[]> icon =
            http.send(
                HttpRequest.newBuilder(URI.create(provider.get("icon").asText())).build(),
                HttpResponse.BodyHandlers.ofByteArray());
        assertThat(icon.statusCode()).as(provider.get("icon").asText()).isEqualTo(200);
        assertThat(icon.headers().firstValue("content-type")).hasValue("image/webp");
        assertThat(new String(Arrays.copyOfRange(icon.body(), 0, 4), StandardCharsets.US_ASCII))
            .isEqualTo("RIFF");
        assertThat(new String(Arrays.copyOfRange(icon.body(), 8, 12), StandardCharsets.US_ASCII))
            .isEqualTo("WEBP");
      }
      HttpResponse<String> missing =
          http.send(
              HttpRequest.newBuilder(
                      URI.create(terra.apiBaseUrl() + "/static/assets/img/app_icons/nope.webp"))
                  .build(),
              HttpResponse.BodyHandlers.ofString());
      assertThat(missing.statusCode()).isEqualTo(404);
    }
  }

  @Test
  void theLegacyBaseAnswersLegacyErrorsInTheCurrentProfileUnlessTheQuirkSaysItMigrated()
      throws Exception {
    try (TerraEmulator terra = TerraEmulator.builder().port(0).start()) {
      Api.Response legacy = Api.local(terra.legacyApiBaseUrl()).get("/userInfo?user_id=nobody");
      assertThat(legacy.status()).isEqualTo(404);
      assertThat(legacy.contentType()).startsWith("application/json");
      assertThat(legacy.json().path("status").asText()).isEqualTo("error");
      Api.Response current = Api.local(terra.apiBaseUrl()).get("/userInfo?user_id=nobody");
      assertThat(current.contentType()).startsWith("application/problem+json");
      assertValid(component("Problem"), current.body());
    }
    try (TerraEmulator terra =
        TerraEmulator.builder()
            .port(0)
            .quirks(Quirks.defaults().withLegacyBaseErrors(false))
            .start()) {
      Api.Response migrated = Api.local(terra.legacyApiBaseUrl()).get("/userInfo?user_id=nobody");
      assertThat(migrated.status()).isEqualTo(404);
      assertThat(migrated.contentType()).startsWith("application/problem+json");
    }
  }

  @Test
  void bulkUserInfoOfUnknownIdsIs404AsSpecifiedOrAnEmptyArrayByQuirk() throws Exception {
    try (TerraEmulator terra = TerraEmulator.builder().port(0).start()) {
      Api api = Api.local(terra.apiBaseUrl());
      Api.Response unknown = api.post("/bulkUserInfo", "[\"nobody\"]");
      assertThat(unknown.status()).isEqualTo(404);
      assertValid(component("Problem"), unknown.body());
      String userId = Flows.connectUser(api, new Browser(terra.baseUrl()), "OURA", "bulk");
      Api.Response mixed = api.post("/bulkUserInfo", "[\"nobody\",\"" + userId + "\"]");
      assertThat(mixed.status()).isEqualTo(200);
      assertThat(mixed.json().size()).isEqualTo(1);
    }
    try (TerraEmulator terra =
        TerraEmulator.builder()
            .port(0)
            .quirks(Quirks.defaults().withBulkUserInfoNotFound(false))
            .start()) {
      Api.Response empty = Api.local(terra.apiBaseUrl()).post("/bulkUserInfo", "[\"nobody\"]");
      assertThat(empty.status()).isEqualTo(200);
      assertThat(empty.body()).isEqualTo("[]");
    }
  }
}
