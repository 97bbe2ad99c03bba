package dev.terraauth.spring;

import dev.terraauth.core.event.WebhookEvent;
import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a bean method that receives verified Terra webhooks. Its parameters may be a {@link
 * WebhookEvent} (or one of its subtypes: only events of that type arrive), a {@link
 * dev.terraauth.core.webhook.VerifiedWebhook} and a {@link
 * dev.terraauth.core.webhook.DeliveryMetadata}, in any order:
 *
 * <pre>{@code
 * @TerraWebhookListener
 * void connected(AuthSuccessEvent event) { ... }
 *
 * @TerraWebhookListener(types = {"deauth", "access_revoked"})
 * void gone(WebhookEvent event, DeliveryMetadata delivery) { ... }
 * }</pre>
 *
 * <p>Listeners run on the request thread before Terra gets its answer: when one throws, the
 * endpoint answers 500 and Terra delivers again, so make them idempotent (or register a {@link
 * TerraWebhookDeduplicator}).
 */
@Target(ElementType.METHOD)
@Retention(RetentionPolicy.RUNTIME)
@Documented
public @interface TerraWebhookListener {
  /**
   * Only events of these classes; empty means what the parameter type accepts.
   *
   * @return the event classes to receive
   */
  Class<? extends WebhookEvent>[] value() default {};

  /**
   * Only events whose {@code type} field is one of these ({@code auth}, {@code deauth}, {@code
   * sleep}, ...; case-insensitive); empty means any type.
   *
   * @return the event types to receive
   */
  String[] types() default {};
}
