/**
 * Spring Boot auto-configuration for terra-auth: {@code TerraCredentials} for {@code
 * terra.environment}, one {@code TerraAuthClient}, one {@code WebhookVerifier}, and a webhook
 * endpoint at {@code terra.webhook.path} that verifies the raw bytes and dispatches typed events to
 * {@link dev.terraauth.spring.TerraWebhookListener} methods. With Spring Security the endpoint is
 * let through; with Actuator there is a {@code terra} health indicator and Terra secrets are
 * masked.
 */
package dev.terraauth.spring;
