/**
 * Route requirements for applications without controller annotations (plain servlets): an ordered
 * {@link io.meshguard.core.route.RouteTable} of method and path pattern to {@link
 * io.meshguard.core.requirement.Requirement}, with an explicit rule for unmatched requests, set up
 * in code or from text.
 */
@NullMarked
package io.meshguard.core.route;

import org.jspecify.annotations.NullMarked;
