package io.meshguard.core.requirement;

import io.meshguard.core.peer.PeerIdentity;

/**
 * A check of the calling workload. Implementations must be immutable and thread-safe, and their
 * {@code toString()} should describe the check (it appears in explanations). {@link PeerMatchers}
 * holds the standard ones.
 *
 * @since 0.1.0
 */
@FunctionalInterface
public interface PeerMatcher {

  /** Whether {@code peer} passes. */
  boolean matches(PeerIdentity peer);
}
