package io.meshguard.core.payload;

import io.meshguard.core.claims.Claims;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * The outcome of decoding one forwarded payload header: the claims, or why it is malformed.
 *
 * @since 0.1.0
 */
public sealed interface PayloadResult {

  /**
   * The header decoded into claims whose registered members have their RFC 7519 types.
   *
   * @param claims the claims
   */
  record Decoded(Claims claims) implements PayloadResult {
    /** Checks the claims are present. */
    public Decoded {
      Objects.requireNonNull(claims, "claims");
    }
  }

  /**
   * The header is malformed.
   *
   * @param malformation why
   * @param claim the registered claim concerned, for {@link Malformation#CLAIM_TYPE} and {@link
   *     Malformation#CLAIM_RANGE}; {@code null} otherwise
   */
  record Malformed(Malformation malformation, @Nullable String claim) implements PayloadResult {
    /** Checks the malformation is present. */
    public Malformed {
      Objects.requireNonNull(malformation, "malformation");
    }

    @Override
    public String toString() {
      return claim == null
          ? malformation.description()
          : malformation.description() + " (claim '" + claim + "')";
    }
  }
}
