package io.meshguard.core.annotation;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks an endpoint (method) or every endpoint of a class as public: no identity is decoded and
 * identity headers are ignored. On a method it overrides the class's requirements; it cannot be
 * combined with a {@code Require...} annotation on the same element.
 *
 * @since 0.1.0
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.TYPE, ElementType.METHOD})
public @interface PublicEndpoint {}
