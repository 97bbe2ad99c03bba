package com.example.health;

final class TerraSettings {
  // Terra credentials come from the environment, never from source.
  String devId = System.getenv("TERRA_DEV_ID");
  String apiKey = System.getenv("TERRA_API_KEY");
  Secret webhookSecret = Secret.of(System.getenv("TERRA_WEBHOOK_SECRET"));
  String apiKeyFromProperties = properties.getProperty("terra.api-key");
  // sha256 of the terra webhook body in the test: 2c26b46b68ffc68ff99b453c1d30413413422d706483bfa0f98a5e886266e7ae
  static final String BODY_SHA256 = "2c26b46b68ffc68ff99b453c1d30413413422d706483bfa0f98a5e886266e7ae";
}
