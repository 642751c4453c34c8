package io.meshguard.testkit.spring;

import io.meshguard.core.Meshguard;
import io.meshguard.testkit.MeshIdentityHeaders;
import java.util.Map;
import java.util.function.UnaryOperator;
import org.jspecify.annotations.Nullable;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.test.web.servlet.request.RequestPostProcessor;
import org.springframework.test.web.servlet.setup.ConfigurableMockMvcBuilder;
import org.springframework.test.web.servlet.setup.MockMvcConfigurer;
import org.springframework.web.context.WebApplicationContext;
import org.springframework.web.context.support.WebApplicationContextUtils;

/**
 * The MockMvc side of {@link WithMeshIdentity}: a configurer whose default request post-processor
 * adds the headers the running test's annotation minted. Without an annotation it adds nothing.
 *
 * @since 0.1.0
 */
public final class MeshMockMvc {

  private static final ThreadLocal<@Nullable MeshIdentityHeaders> CURRENT = new ThreadLocal<>();

  private MeshMockMvc() {}

  /**
   * A configurer for {@code MockMvcBuilders.webAppContextSetup(context).apply(meshIdentity())};
   * Spring Boot's auto-configured MockMvc gets it from {@link WithMeshIdentityContextCustomizer}.
   */
  public static MockMvcConfigurer meshIdentity() {
    return new Configurer();
  }

  /** The identity of the running test, set by {@link WithMeshIdentityTestExecutionListener}. */
  static void set(@Nullable MeshIdentityHeaders headers) {
    if (headers == null) {
      CURRENT.remove();
    } else {
      CURRENT.set(headers);
    }
  }

  /** The identity of the running test, if it has {@link WithMeshIdentity}. */
  public static @Nullable MeshIdentityHeaders current() {
    return CURRENT.get();
  }

  /** Sets {@code headers} on {@code request}, replacing any values of those names. */
  static void replace(MockHttpServletRequest request, MeshIdentityHeaders headers) {
    headers.headerNames().forEach(request::removeHeader);
    for (Map.Entry<String, String> header : headers.toMap().entrySet()) {
      request.addHeader(header.getKey(), header.getValue());
    }
  }

  /** The guard of the application {@code request} is sent to. */
  static Meshguard guard(MockHttpServletRequest request) {
    WebApplicationContext context =
        WebApplicationContextUtils.getRequiredWebApplicationContext(request.getServletContext());
    return context.getBean(Meshguard.class);
  }

  /** Mints a request's identity from its application's configuration. */
  static RequestPostProcessor minted(UnaryOperator<MeshIdentityHeaders> caller) {
    return request -> {
      replace(request, caller.apply(MeshIdentityHeaders.of(guard(request))));
      return request;
    };
  }

  private static final class Configurer implements MockMvcConfigurer {
    @Override
    public RequestPostProcessor beforeMockMvcCreated(
        ConfigurableMockMvcBuilder<?> builder, WebApplicationContext context) {
      return request -> {
        MeshIdentityHeaders headers = CURRENT.get();
        if (headers != null) {
          replace(request, headers);
        }
        return request;
      };
    }
  }
}
