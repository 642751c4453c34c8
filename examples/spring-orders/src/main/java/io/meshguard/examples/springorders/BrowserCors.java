package io.meshguard.examples.springorders;

import org.springframework.context.annotation.Configuration;
import org.springframework.web.servlet.config.annotation.CorsRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/**
 * CORS for the contract's browser front-end ({@code https://app.example.com}). meshguard leaves
 * preflights to this (CONTRACT.md); without a mapping, Spring Framework 6.2 (Boot 3.5) rejects
 * every preflight with 403 and Framework 7 (Boot 4) lets it through, so the answer would depend on
 * the Boot line.
 */
@Configuration(proxyBeanMethods = false)
class BrowserCors implements WebMvcConfigurer {

  @Override
  public void addCorsMappings(CorsRegistry registry) {
    registry
        .addMapping("/api/**")
        .allowedOrigins("https://app.example.com")
        .allowedMethods("GET", "POST", "DELETE");
  }
}
