package dev.terraauth.spring;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.autoconfigure.security.servlet.SecurityAutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.servlet.util.matcher.PathPatternRequestMatcher;

/**
 * Lets Terra's POST reach the webhook endpoint through Spring Security. Terra authenticates with
 * its signature, not with the app's login, and a CSRF token it cannot have would refuse it too.
 * This adds one filter chain, first in order and matching only {@code terra.webhook.path}: every
 * other path keeps the application's own chain (or Spring Boot's default one). The endpoint itself
 * still refuses anything not signed by Terra. Turn off with {@code
 * terra.webhook.permit-through-security=false} to write the rule yourself.
 */
@AutoConfiguration(
    after = {TerraWebhookAutoConfiguration.class, SecurityAutoConfiguration.class},
    afterName =
        "org.springframework.boot.actuate.autoconfigure.security.servlet.ManagementWebSecurityAutoConfiguration")
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
@ConditionalOnClass({SecurityFilterChain.class, HttpSecurity.class})
@ConditionalOnBean({TerraWebhookController.class, HttpSecurity.class})
@ConditionalOnProperty(name = "terra.webhook.permit-through-security", matchIfMissing = true)
public class TerraWebhookSecurityAutoConfiguration {

  /**
   * The chain for the webhook path only: no login, no CSRF token, no session.
   *
   * @param http Spring Security's builder
   * @param properties the settings (the path)
   * @return the chain
   * @throws Exception when Spring Security cannot build the chain
   */
  @Bean
  @Order(Ordered.HIGHEST_PRECEDENCE)
  public SecurityFilterChain terraWebhookSecurityFilterChain(
      HttpSecurity http, TerraProperties properties) throws Exception {
    http.securityMatcher(
            PathPatternRequestMatcher.withDefaults().matcher(properties.webhook().path()))
        .authorizeHttpRequests(requests -> requests.anyRequest().permitAll())
        .csrf(csrf -> csrf.disable())
        .requestCache(cache -> cache.disable())
        .sessionManagement(
            sessions -> sessions.sessionCreationPolicy(SessionCreationPolicy.STATELESS));
    return http.build();
  }
}
