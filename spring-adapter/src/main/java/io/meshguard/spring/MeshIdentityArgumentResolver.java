package io.meshguard.spring;

import io.meshguard.core.MeshIdentity;
import org.jspecify.annotations.Nullable;
import org.springframework.core.MethodParameter;
import org.springframework.web.bind.support.WebDataBinderFactory;
import org.springframework.web.context.request.NativeWebRequest;
import org.springframework.web.context.request.RequestAttributes;
import org.springframework.web.method.support.HandlerMethodArgumentResolver;
import org.springframework.web.method.support.ModelAndViewContainer;

/**
 * Gives a controller method the caller's {@link MeshIdentity}: declare a parameter of that type. It
 * is {@code null} on public endpoints, whose identity headers are never read.
 *
 * @since 0.1.0
 */
public final class MeshIdentityArgumentResolver implements HandlerMethodArgumentResolver {

  @Override
  public boolean supportsParameter(MethodParameter parameter) {
    return MeshIdentity.class.isAssignableFrom(parameter.getParameterType());
  }

  @Override
  public @Nullable Object resolveArgument(
      MethodParameter parameter,
      @Nullable ModelAndViewContainer container,
      NativeWebRequest request,
      @Nullable WebDataBinderFactory binderFactory) {
    return request.getAttribute(MeshIdentity.ATTRIBUTE, RequestAttributes.SCOPE_REQUEST);
  }
}
