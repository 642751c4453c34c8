package io.meshguard.servlet;

import jakarta.servlet.ServletContext;
import org.eclipse.jetty.server.Server;
import org.jspecify.annotations.Nullable;

/**
 * Finds the Jetty 12 server behind a servlet context, for ee10 (Servlet 6.0) and ee11 (Servlet 6.1,
 * Spring Boot 4), each only when its classes are present.
 */
final class JettyServers {

  private static final boolean EE10 =
      isPresent("org.eclipse.jetty.ee10.servlet.ServletContextHandler");
  private static final boolean EE11 =
      isPresent("org.eclipse.jetty.ee11.servlet.ServletContextHandler");

  private JettyServers() {}

  /** Whether any Jetty servlet environment is on the class path. */
  static boolean present() {
    return EE10 || EE11;
  }

  /** The server serving {@code context}, or {@code null} when it is not Jetty's. */
  static @Nullable Server of(ServletContext context) {
    if (EE11) {
      Server server = Ee11.server(context);
      if (server != null) {
        return server;
      }
    }
    return EE10 ? Ee10.server(context) : null;
  }

  private static boolean isPresent(String className) {
    try {
      Class.forName(className, false, JettyServers.class.getClassLoader());
      return true;
    } catch (ClassNotFoundException | LinkageError e) {
      return false;
    }
  }

  private static final class Ee10 {
    static @Nullable Server server(ServletContext context) {
      org.eclipse.jetty.ee10.servlet.ServletContextHandler handler =
          org.eclipse.jetty.ee10.servlet.ServletContextHandler.getServletContextHandler(context);
      return handler == null ? null : handler.getServer();
    }
  }

  private static final class Ee11 {
    static @Nullable Server server(ServletContext context) {
      org.eclipse.jetty.ee11.servlet.ServletContextHandler handler =
          org.eclipse.jetty.ee11.servlet.ServletContextHandler.getServletContextHandler(context);
      return handler == null ? null : handler.getServer();
    }
  }
}
