package io.meshguard.core.route;

/**
 * What happens to a request that no route matches. It is decided after the identity check, so an
 * unknown path without identity is still 401.
 *
 * @since 0.1.0
 */
public enum Unmatched {
  /**
   * 403 ({@link io.meshguard.core.ErrorCode#ACCESS_DENIED}): the table lists everything reachable.
   */
  DENY,
  /**
   * 404, or 405 when another method's route matches the path ({@link
   * io.meshguard.core.ErrorCode#NOT_FOUND}, {@link
   * io.meshguard.core.ErrorCode#METHOD_NOT_ALLOWED}).
   */
  NOT_FOUND,
  /** Any valid identity passes; the application answers (including its own 404). */
  AUTHENTICATED
}
