package io.meshguard.examples.springorders;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/**
 * The orders API of the example contract as a Spring Boot application: meshguard's annotations on
 * the controller decide what each endpoint needs. Run it with {@code java -jar
 * examples/spring-orders/target/spring-orders.jar}.
 */
@SpringBootApplication
public class SpringOrdersApplication {

  /** Starts the service. */
  public static void main(String[] args) {
    SpringApplication.run(SpringOrdersApplication.class, args);
  }
}
