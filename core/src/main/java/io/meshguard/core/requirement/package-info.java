/**
 * What a route needs from the caller: scopes (any-of or all-of), claim conditions and peer
 * conditions, composed into a {@link io.meshguard.core.requirement.Requirement}. A route with no
 * requirement is said so explicitly ({@link
 * io.meshguard.core.requirement.Requirement#authenticated()} or {@link
 * io.meshguard.core.requirement.Requirement#publicEndpoint()}); nothing here grants when empty.
 */
@NullMarked
package io.meshguard.core.requirement;

import org.jspecify.annotations.NullMarked;
