package io.meshguard.testkit.spring;

import java.lang.reflect.Method;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.test.context.ContextConfigurationAttributes;
import org.springframework.test.context.ContextCustomizer;
import org.springframework.test.context.ContextCustomizerFactory;
import org.springframework.test.context.MergedContextConfiguration;
import org.springframework.test.web.servlet.setup.ConfigurableMockMvcBuilder;

/**
 * Applies {@link MeshMockMvc#meshIdentity()} to a MockMvc builder bean (Spring Boot's
 * {@code @AutoConfigureMockMvc} makes one) in the context of a test class that uses {@link
 * WithMeshIdentity}. Registered through {@code META-INF/spring.factories}; it adds nothing to other
 * test classes' contexts.
 *
 * @since 0.1.0
 */
public final class WithMeshIdentityContextCustomizer implements ContextCustomizer {

  @Override
  public void customizeContext(
      ConfigurableApplicationContext context, MergedContextConfiguration configuration) {
    context.getBeanFactory().addBeanPostProcessor(new ApplyToMockMvcBuilders());
  }

  /** All instances are equal: the context cache may share a context between such tests. */
  @Override
  public boolean equals(@Nullable Object other) {
    return other instanceof WithMeshIdentityContextCustomizer;
  }

  @Override
  public int hashCode() {
    return WithMeshIdentityContextCustomizer.class.hashCode();
  }

  private static final class ApplyToMockMvcBuilders implements BeanPostProcessor {
    @Override
    public Object postProcessAfterInitialization(Object bean, String beanName) {
      if (bean instanceof ConfigurableMockMvcBuilder<?> builder) {
        builder.apply(MeshMockMvc.meshIdentity());
      }
      return bean;
    }
  }

  /**
   * Customizes the contexts of test classes with {@link WithMeshIdentity} on the class or a method.
   *
   * @since 0.1.0
   */
  public static final class Factory implements ContextCustomizerFactory {
    @Override
    public @Nullable ContextCustomizer createContextCustomizer(
        Class<?> testClass, List<ContextConfigurationAttributes> configAttributes) {
      return uses(testClass) ? new WithMeshIdentityContextCustomizer() : null;
    }

    private static boolean uses(Class<?> testClass) {
      for (Class<?> type = testClass; type != null; type = type.getSuperclass()) {
        if (type.isAnnotationPresent(WithMeshIdentity.class)) {
          return true;
        }
        for (Method method : type.getDeclaredMethods()) {
          if (method.isAnnotationPresent(WithMeshIdentity.class)) {
            return true;
          }
        }
      }
      return testClass.getEnclosingClass() != null && uses(testClass.getEnclosingClass());
    }
  }
}
