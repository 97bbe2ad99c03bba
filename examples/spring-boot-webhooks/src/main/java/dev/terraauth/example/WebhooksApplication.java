package dev.terraauth.example;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/**
 * A tiny app receiving Terra's auth webhooks through terraauth-spring-boot-starter. Run it next to
 * the emulator ({@code ./terra-auth emulator}); {@code terra.environment=local} needs no
 * credentials.
 */
@SpringBootApplication
public class WebhooksApplication {
  public static void main(String[] args) {
    SpringApplication.run(WebhooksApplication.class, args);
  }
}
