/**
 * Route requirements for applications without controller annotations (plain servlets): an ordered
 * {@link io.meshguard.core.route.RouteTable} of method and path pattern to {@link
 * io.meshguard.core.requirement.Requirement}, with an explicit rule for unmatched requests, set up
 * in code or from text. For adapters over a framework's handlers: {@link
 * io.meshguard.core.route.PathTemplates} turns a {@code {var}}/{@code {var: regex}} URI template
 * into a path pattern (refusing a variable that could span {@code /}, with {@link
 * io.meshguard.core.route.PathVariableRegex}), and {@link io.meshguard.core.route.SpecificRoutes}
 * orders routes most specific first and refuses overlapping routes that need different things.
 */
@NullMarked
package io.meshguard.core.route;

import org.jspecify.annotations.NullMarked;
