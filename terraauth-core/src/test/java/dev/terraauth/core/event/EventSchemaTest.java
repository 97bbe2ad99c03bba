package dev.terraauth.core.event;

import static org.assertj.core.api.Assertions.assertThat;

import com.networknt.schema.InputFormat;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Every contract example is checked against Terra's published event schema (copied with its license
 * into test resources) and then parsed into the matching typed event. Examples of legacy or quirky
 * shapes are expected NOT to validate against the current schema, yet still parse.
 */
class EventSchemaTest {
  static final SchemaRegistry REGISTRY =
      SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12);

  static Schema schema(String name) {
    return REGISTRY.getSchema(SchemaLocation.of("classpath:webhooks/schemas/" + name + ".yaml"));
  }

  static final Map<String, Class<? extends WebhookEvent>> TYPES =
      Map.of(
          "AuthSuccessEvent", AuthSuccessEvent.class,
          "AuthErrorEvent", AuthFailureEvent.class,
          "DeauthEvent", DeauthEvent.class,
          "UserReauthEvent", UserReauthEvent.class,
          "AccessRevokedEvent", AccessRevokedEvent.class,
          "ConnectionErrorEvent", ConnectionErrorEvent.class,
          "PermissionChangeEvent", PermissionChangeEvent.class);

  @ParameterizedTest(name = "{0} against {1}")
  @CsvSource({
    "auth-success, AuthSuccessEvent, true",
    "auth-success-legacy, AuthSuccessEvent, true",
    "auth-cancelled, AuthErrorEvent, true",
    "auth-error-legacy, AuthErrorEvent, false",
    "deauth, DeauthEvent, true",
    "deauth-null-message, DeauthEvent, false",
    "user-reauth, UserReauthEvent, true",
    "user-reauth-no-old-user, UserReauthEvent, true",
    "access-revoked, AccessRevokedEvent, true",
    "connection-error, ConnectionErrorEvent, true",
    "permission-change, PermissionChangeEvent, true"
  })
  void exampleMatchesTheSpecSchemaAndParses(String example, String schemaName, boolean valid)
      throws IOException {
    byte[] body = WebhookEventParserTest.example(example);

    assertThat(
            schema(schemaName).validate(new String(body, StandardCharsets.UTF_8), InputFormat.JSON))
        .as("schema errors")
        .matches(errors -> errors.isEmpty() == valid, valid ? "no errors" : "some errors");
    assertThat(WebhookEventParser.parse(body)).isInstanceOf(TYPES.get(schemaName));
  }

  @ParameterizedTest(name = "{0} violates {1}")
  @CsvSource({
    "auth-cancelled, AuthSuccessEvent",
    "deauth, AccessRevokedEvent",
    "permission-change, DeauthEvent",
  })
  void schemasTellEventTypesApart(String example, String schemaName) throws IOException {
    String body = new String(WebhookEventParserTest.example(example), StandardCharsets.UTF_8);

    assertThat(schema(schemaName).validate(body, InputFormat.JSON)).isNotEmpty();
  }
}
