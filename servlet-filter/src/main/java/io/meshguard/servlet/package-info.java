/**
 * meshguard for any Jakarta Servlet 6 application: {@link io.meshguard.servlet.MeshguardFilter}
 * collects the identity headers, asks the core once, and renders its denial or exposes the identity
 * as the request's user principal.
 */
@NullMarked
package io.meshguard.servlet;

import org.jspecify.annotations.NullMarked;
