package dev.terraauth.spring;

/**
 * A webhook listener failed; the endpoint answers 500 so that Terra delivers again. The message
 * names the listener and the event type, never the body.
 */
public final class TerraWebhookListenerException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  TerraWebhookListenerException(String listener, String eventType, Throwable cause) {
    super(listener + " failed on a '" + eventType + "' event: " + cause, cause);
  }
}
