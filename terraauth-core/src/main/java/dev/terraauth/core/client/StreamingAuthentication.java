package dev.terraauth.core.client;

/** How the token endpoints are authenticated; rt-bundled.yaml accepts either. */
public enum StreamingAuthentication {
  /** The {@code dev-id} and {@code x-api-key} headers, as on the REST host (the default). */
  HEADERS,
  /** {@code Authorization: Basic base64(dev-id:api-key)}. */
  BASIC
}
