/**
 * Route requirements for applications without controller annotations (plain servlets): an ordered
 * {@link io.meshguard.core.route.RouteTable} of method and path pattern to {@link
 * io.meshguard.core.requirement.Requirement}, with an explicit rule for unmatched requests, set up
 * in code or from text; and {@link io.meshguard.core.route.PathVariableRegex}, which tells whether
 * a framework's path variable stays within one segment, as a route's {@code *} does.
 */
@NullMarked
package io.meshguard.core.route;

import org.jspecify.annotations.NullMarked;
