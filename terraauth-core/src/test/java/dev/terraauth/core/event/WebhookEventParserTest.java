package dev.terraauth.core.event;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.terraauth.core.error.WebhookVerificationException;
import dev.terraauth.core.error.WebhookVerificationException.Reason;
import dev.terraauth.core.internal.Json;
import dev.terraauth.core.user.Scopes;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class WebhookEventParserTest {
  static byte[] example(String name) throws IOException {
    try (InputStream in =
        WebhookEventParserTest.class.getResourceAsStream("/webhooks/events/" + name + ".json")) {
      return in.readAllBytes();
    }
  }

  static WebhookEvent parseExample(String name) throws IOException {
    return WebhookEventParser.parse(example(name));
  }

  static Reason reasonOf(String body) {
    return catchThrowableOfType(
            WebhookVerificationException.class,
            () -> WebhookEventParser.parse(body.getBytes(StandardCharsets.UTF_8)))
        .reason();
  }

  @Test
  void parsesAuthSuccess() throws IOException {
    AuthSuccessEvent event = (AuthSuccessEvent) parseExample("auth-success");

    assertThat(event.user().userId()).isEqualTo("7c1d2e3f-0000-4000-8000-000000000001");
    assertThat(event.user().referenceId()).isEqualTo("app-user-42");
    assertThat(event.user().scopeSet()).containsExactly("ACTIVITY_EXPORT", "HEALTH_EXPORT");
    assertThat(event.user().active()).isTrue();
    assertThat(event.widgetSessionId()).isEqualTo("0b7c8a52-1d2e-4f3a-9b4c-5d6e7f809a1b");
    assertThat(event.type()).isEqualTo("auth");
    assertThat(event.status()).isEqualTo("success");
  }

  @Test
  void takesTheLegacyTopLevelReferenceIdWhenTheUserHasNone() throws IOException {
    AuthSuccessEvent event = (AuthSuccessEvent) parseExample("auth-success-legacy");

    assertThat(event.user().referenceId()).isEqualTo("app-user-42");
    assertThat(event.user().active()).isNull();
  }

  @Test
  void parsesCurrentAuthFailure() throws IOException {
    AuthFailureEvent event = (AuthFailureEvent) parseExample("auth-cancelled");

    assertThat(event.shape()).isEqualTo(AuthFailureEvent.Shape.CURRENT);
    assertThat(event.reason()).isEqualTo("access_denied");
    assertThat(event.referenceId()).isEqualTo("app-user-42");
    assertThat(event.flowId()).isEqualTo("5e0f9d1c-2b3a-4c5d-8e9f-a0b1c2d3e4f5");
    assertThat(event.deletedUser()).isNull();
  }

  @Test
  void parsesLegacyAuthFailure() throws IOException {
    AuthFailureEvent event = (AuthFailureEvent) parseExample("auth-error-legacy");

    assertThat(event.shape()).isEqualTo(AuthFailureEvent.Shape.LEGACY);
    assertThat(event.type()).isEqualTo("auth");
    assertThat(event.reason()).isEqualTo("missing_scopes");
    assertThat(event.provider()).isEqualTo("FITBIT");
    assertThat(event.deletedUser().userId()).isEqualTo("7c1d2e3f-0000-4000-8000-000000000002");
    assertThat(event.deletedUser().scopeSet()).isEmpty();
  }

  @Test
  void parsesDeauthRevokedAndConnectionError() throws IOException {
    DeauthEvent deauth = (DeauthEvent) parseExample("deauth");
    AccessRevokedEvent revoked = (AccessRevokedEvent) parseExample("access-revoked");
    ConnectionErrorEvent degraded = (ConnectionErrorEvent) parseExample("connection-error");

    assertThat(deauth.user().active()).isFalse();
    assertThat(deauth.message()).isEqualTo("User has deauthenticated");
    assertThat(revoked.message()).isEqualTo("User revoked access");
    assertThat(degraded.user().active()).isTrue();
    assertThat(((DeauthEvent) parseExample("deauth-null-message")).message()).isNull();
  }

  @Test
  void parsesUserReauthWithAndWithoutOldUser() throws IOException {
    UserReauthEvent reauth = (UserReauthEvent) parseExample("user-reauth");
    UserReauthEvent noOld = (UserReauthEvent) parseExample("user-reauth-no-old-user");

    assertThat(reauth.newUser().userId()).isEqualTo("9c8b7a65-4321-4fed-a0b9-87c6d5e4f321");
    assertThat(reauth.oldUser().userId()).isEqualTo("7c1d2e3f-0000-4000-8000-000000000001");
    assertThat(reauth.version()).isEqualTo("2022-03-16");
    assertThat(noOld.oldUser()).isNull();
    assertThat(noOld.newUser().provider()).isEqualTo("APPLE");
  }

  @Test
  void parsesPermissionChangeDeltas() throws IOException {
    PermissionChangeEvent change = (PermissionChangeEvent) parseExample("permission-change");

    assertThat(change.scopesAdded()).containsExactly("BODY_EXPORT");
    assertThat(change.scopesRemoved()).isEmpty();
    assertThat(change.applyTo(Set.of("ACTIVITY_EXPORT")))
        .containsExactlyInAnyOrder("ACTIVITY_EXPORT", "BODY_EXPORT");
  }

  @Test
  void parsesScopeDeltasDefensively() {
    PermissionChangeEvent change =
        (PermissionChangeEvent)
            WebhookEventParser.parse(
                ("{\"type\":\"permission_change\",\"scopes_added\":\" a, ,b,,a \","
                        + "\"scopes_removed\":null,\"user\":{\"user_id\":\"u\",\"provider\":\"P\"}}")
                    .getBytes(StandardCharsets.UTF_8));

    assertThat(change.scopesAdded()).containsExactlyInAnyOrder("a", "b");
    assertThat(change.scopesRemoved()).isEmpty();
    assertThat(change.applyTo(Set.of("b", "c"))).containsExactlyInAnyOrder("a", "b", "c");
    assertThat(Scopes.parse("  ")).isEmpty();
    assertThat(Scopes.parse(",,,")).isEmpty();
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "auth-success",
        "deauth",
        "access-revoked",
        "connection-error",
        "permission-change",
        "user-reauth"
      })
  void userIdIsTheConnectionTheEventIsAbout(String name) throws IOException {
    WebhookEvent event = parseExample(name);
    String expected =
        event instanceof UserReauthEvent reauth
            ? reauth.newUser().userId()
            : Json.mapper().readTree(example(name)).path("user").path("user_id").asText();

    assertThat(expected).isNotBlank();
    assertThat(event.userId()).contains(expected);
  }

  @Test
  void userIdIsEmptyForAuthFailuresAndPassThrough() throws IOException {
    assertThat(parseExample("auth-cancelled").userId()).isEmpty();
    assertThat(parseExample("auth-error-legacy").userId()).isEmpty();
    assertThat(
            WebhookEventParser.parse("{\"type\":\"sleep\"}".getBytes(StandardCharsets.UTF_8))
                .userId())
        .isEmpty();
  }

  @Test
  void keepsDataOperationalAndUnknownTypesRaw() {
    PassThroughEvent sleep =
        (PassThroughEvent)
            WebhookEventParser.parse(
                "{\"type\":\"sleep\",\"data\":[{\"x\":1}]}".getBytes(StandardCharsets.UTF_8));
    PassThroughEvent large =
        (PassThroughEvent)
            WebhookEventParser.parse(
                "{\"type\":\"large_request_sending\",\"status\":\"success\"}"
                    .getBytes(StandardCharsets.UTF_8));
    PassThroughEvent future =
        (PassThroughEvent)
            WebhookEventParser.parse("{\"type\":\"brand_new\"}".getBytes(StandardCharsets.UTF_8));

    assertThat(sleep.category()).isEqualTo(PassThroughEvent.Category.DATA);
    assertThat(sleep.raw().at("/data/0/x").asInt()).isEqualTo(1);
    assertThat(large.category()).isEqualTo(PassThroughEvent.Category.OPERATIONAL);
    assertThat(large.status()).isEqualTo("success");
    assertThat(future.category()).isEqualTo(PassThroughEvent.Category.UNKNOWN);
    assertThat(future.type()).isEqualTo("brand_new");
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "",
        "not json",
        "{\"type\":",
        "[1,2]",
        "\"auth\"",
        "null",
        "{}",
        "{\"type\":42}",
        "{\"type\":\"  \"}",
        "{\"type\":\"deauth\",\"status\":\"success\"}",
        "{\"type\":\"deauth\",\"user\":\"someone\"}",
        "{\"type\":\"auth\",\"status\":\"success\",\"user\":{\"provider\":\"GARMIN\"}}",
        "{\"type\":\"user_reauth\",\"old_user\":null}",
        "{\"type\":\"connection_error\",\"message\":{},\"user\":{\"user_id\":\"u\",\"provider\":\"P\"}}",
        "{\"type\":\"access_revoked\",\"user\":{\"user_id\":\"u\",\"provider\":\"P\",\"active\":7}}"
      })
  void malformedPayloadsGiveATypedError(String body) {
    assertThat(reasonOf(body)).isEqualTo(Reason.MALFORMED_PAYLOAD);
  }

  @Test
  void nullBodyGivesATypedError() {
    assertThat(
            catchThrowableOfType(
                    WebhookVerificationException.class,
                    () -> WebhookEventParser.parse((byte[]) null))
                .reason())
        .isEqualTo(Reason.MALFORMED_PAYLOAD);
  }

  @Test
  void deeplyNestedJsonGivesATypedError() {
    String body = "{\"type\":\"x\",\"a\":" + "[".repeat(5000) + "]".repeat(5000) + "}";

    assertThat(reasonOf(body)).isEqualTo(Reason.MALFORMED_PAYLOAD);
  }
}
