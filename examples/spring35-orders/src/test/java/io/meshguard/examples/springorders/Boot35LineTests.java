package io.meshguard.examples.springorders;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.springframework.boot.SpringBootVersion;
import org.springframework.core.SpringVersion;

/** This module really runs the Boot 3.5 line, not Boot 4 by way of a stray managed version. */
class Boot35LineTests {

  @Test
  void classpathWhenTestedThenBoot35WithFramework62() {
    assertThat(SpringBootVersion.getVersion()).startsWith("3.5.");
    assertThat(SpringVersion.getVersion()).startsWith("6.2.");
    // Boot 4's module layout is absent: the starter meets Boot 3.5's own classes only.
    assertThat(present("org.springframework.boot.webmvc.error.ErrorController")).isFalse();
    assertThat(present("org.springframework.boot.web.servlet.error.ErrorController")).isTrue();
  }

  private static boolean present(String name) {
    try {
      Class.forName(name, false, Boot35LineTests.class.getClassLoader());
      return true;
    } catch (ClassNotFoundException e) {
      return false;
    }
  }
}
