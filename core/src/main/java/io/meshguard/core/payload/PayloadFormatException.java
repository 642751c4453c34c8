package io.meshguard.core.payload;

import org.jspecify.annotations.Nullable;

/**
 * Why a payload is malformed, as a cheap control-flow exception: it has no stack trace and no
 * message built from input, so hostile input costs no more to reject than to accept.
 */
final class PayloadFormatException extends Exception {

  private static final long serialVersionUID = 1L;

  private final Malformation malformation;
  private final @Nullable String claim;

  /** A malformation not tied to one claim. */
  PayloadFormatException(Malformation malformation) {
    this(malformation, null);
  }

  /** A malformation of the named claim (names are safe to log; values never are). */
  PayloadFormatException(Malformation malformation, @Nullable String claim) {
    super(malformation.name(), null, false, false);
    this.malformation = malformation;
    this.claim = claim;
  }

  /** What is wrong. */
  Malformation malformation() {
    return malformation;
  }

  /** The claim concerned, if any. */
  @Nullable String claim() {
    return claim;
  }
}
