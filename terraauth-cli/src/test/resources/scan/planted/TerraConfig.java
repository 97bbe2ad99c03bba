package com.example.health;

import co.tryterra.terraclient.api.TerraClientV2;
import java.util.Map;

public class TerraConfig {
  private static final String API_KEY = "{{KEY}}";

  TerraClientV2 client() {
    return new TerraClientV2("{{KEY}}", "{{DEVID:testing}}");
  }

  Object terra() {
    return new Terra("{{DEVID:testing}}", "{{KEY}}", "{{SECRET}}");
  }

  Map<String, String> headers() {
    return Map.of("dev-id", "{{DEVID:testing}}", "x-api-key", "{{KEY}}");
  }

  Object builder() {
    return TerraCredentials.builder().devId("{{DEVID:staging}}").apiKey("{{KEY}}").build();
  }
}
