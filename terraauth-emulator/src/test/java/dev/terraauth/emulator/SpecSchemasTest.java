package dev.terraauth.emulator;

import org.junit.jupiter.api.Test;

class SpecSchemasTest {
  @Test
  void specSchemasAcceptGoodAndRejectBadBodies() {
    SpecSchemas.assertValid(
        SpecSchemas.component("Problem"),
        "{\"type\":\"about:blank\",\"title\":\"not found\",\"instance\":\"/x\"}");
    SpecSchemas.assertInvalid(SpecSchemas.component("Problem"), "{\"title\":\"not found\"}");
    SpecSchemas.assertValid(
        SpecSchemas.component("AuthSuccessEvent"),
        "{\"type\":\"auth\",\"status\":\"success\",\"user\":{\"user_id\":\"u\",\"provider\":\"GARMIN\"}}");
    SpecSchemas.assertInvalid(
        SpecSchemas.component("AuthSuccessEvent"),
        "{\"type\":\"auth\",\"status\":\"success\",\"user\":{\"provider\":\"GARMIN\"}}");
    SpecSchemas.assertInvalid(
        SpecSchemas.response("/auth/generateAuthToken", "post", 200), "{\"expires_in\":\"x\"}");
  }
}
