package io.meshguard.core.peer;

import io.spiffe.exception.InvalidSpiffeIdException;
import io.spiffe.spiffeid.SpiffeId;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * Strict parsing of SPIFFE IDs: java-spiffe-core's {@link SpiffeId} without its leniency.
 *
 * <p>The SPIFFE-ID specification says the trust domain "MUST be lowercase"; java-spiffe-core
 * accepts {@code SPIFFE://Example.ORG/x} and folds it to lower case, while go-spiffe rejects it. An
 * identity check must not fold case, so this class accepts only text that java-spiffe-core parses
 * <em>and</em> prints back unchanged: scheme {@code spiffe}, trust domain of {@code [a-z0-9._-]}
 * (at most 255 bytes), path segments of {@code [a-zA-Z0-9._-]} that are neither empty, {@code .}
 * nor {@code ..}, no trailing slash, query, fragment, port, user info or percent-encoding, and at
 * most 2048 bytes in all. The root ID {@code spiffe://td} is a valid SPIFFE ID; workload identities
 * additionally need a path (see {@link #isWorkloadId(SpiffeId)}).
 *
 * @see <a href="https://github.com/spiffe/spiffe/blob/main/standards/SPIFFE-ID.md">SPIFFE-ID §2</a>
 * @since 0.1.0
 */
public final class SpiffeIds {

  /** The longest SPIFFE ID accepted, in bytes (SPIFFE-ID §2.3). */
  public static final int MAX_LENGTH = 2048;

  /** The longest trust domain accepted, in bytes (SPIFFE-ID §2.3). */
  public static final int MAX_TRUST_DOMAIN_LENGTH = 255;

  static final String SCHEME_PREFIX = "spiffe://";

  static final String TOO_LONG = "SPIFFE ID is longer than 2048 bytes";
  static final String BAD_SCHEME = "Scheme is missing or invalid";
  static final String NO_TRUST_DOMAIN = "Trust domain is missing";
  static final String TRUST_DOMAIN_TOO_LONG = "Trust domain is longer than 255 bytes";
  static final String BAD_TRUST_DOMAIN_CHAR =
      "Trust domain characters are limited to lowercase letters, numbers, dots, dashes, and"
          + " underscores";
  static final String BAD_PATH_CHAR =
      "Path segment characters are limited to letters, numbers, dots, dashes, and underscores";
  static final String DOT_SEGMENT = "Path cannot contain dot segments";
  static final String EMPTY_SEGMENT = "Path cannot contain empty segments";
  static final String TRAILING_SLASH = "Path cannot have a trailing slash";
  static final String NOT_CANONICAL = "SPIFFE ID is not in canonical form";

  private SpiffeIds() {}

  /**
   * Parses {@code text} strictly.
   *
   * @throws IllegalArgumentException when it is not a strict SPIFFE ID; the message is fixed text
   *     that never repeats the input
   */
  public static SpiffeId parse(String text) {
    String problem = problem(text);
    if (problem != null) {
      throw new IllegalArgumentException(problem);
    }
    SpiffeId id = parseChecked(text);
    if (id == null) {
      throw new IllegalArgumentException(NOT_CANONICAL);
    }
    return id;
  }

  /** Parses {@code text} strictly; empty when it is not a strict SPIFFE ID. */
  public static Optional<SpiffeId> tryParse(String text) {
    return problem(text) == null ? Optional.ofNullable(parseChecked(text)) : Optional.empty();
  }

  /** Whether {@code id} names a workload: it has a non-root path (X509-SVID §2). */
  public static boolean isWorkloadId(SpiffeId id) {
    return !id.getPath().isEmpty();
  }

  /**
   * Parses text that {@link #problem} passed, and checks java-spiffe-core changed nothing (compared
   * by parts: {@code SpiffeId.toString()} formats with {@code String.format}, too slow per
   * request).
   */
  private static @Nullable SpiffeId parseChecked(String text) {
    try {
      SpiffeId id = SpiffeId.parse(text);
      String domain = id.getTrustDomain().getName();
      String path = id.getPath();
      boolean unchanged =
          text.length() == SCHEME_PREFIX.length() + domain.length() + path.length()
              && text.startsWith(domain, SCHEME_PREFIX.length())
              && text.endsWith(path);
      return unchanged ? id : null;
    } catch (InvalidSpiffeIdException | IllegalArgumentException e) {
      return null;
    }
  }

  /**
   * What is wrong with {@code text}, checked with bounded loops before java-spiffe-core sees it, or
   * {@code null} when nothing is. Only ASCII passes, so characters and bytes count the same.
   */
  static @Nullable String problem(String text) {
    if (text.length() > MAX_LENGTH) {
      return TOO_LONG;
    }
    if (!text.startsWith(SCHEME_PREFIX)) {
      return BAD_SCHEME;
    }
    int start = SCHEME_PREFIX.length();
    int slash = text.indexOf('/', start);
    int domainEnd = slash < 0 ? text.length() : slash;
    if (domainEnd == start) {
      return NO_TRUST_DOMAIN;
    }
    if (domainEnd - start > MAX_TRUST_DOMAIN_LENGTH) {
      return TRUST_DOMAIN_TOO_LONG;
    }
    for (int i = start; i < domainEnd; i++) {
      char c = text.charAt(i);
      if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '.' || c == '-' || c == '_')) {
        return BAD_TRUST_DOMAIN_CHAR;
      }
    }
    if (slash < 0) {
      return null;
    }
    int segmentStart = slash + 1;
    for (int i = segmentStart; i <= text.length(); i++) {
      if (i == text.length() || text.charAt(i) == '/') {
        int length = i - segmentStart;
        if (length == 0) {
          return i == text.length() ? TRAILING_SLASH : EMPTY_SEGMENT;
        }
        if (text.charAt(segmentStart) == '.'
            && (length == 1 || (length == 2 && text.charAt(segmentStart + 1) == '.'))) {
          return DOT_SEGMENT;
        }
        segmentStart = i + 1;
      } else {
        char c = text.charAt(i);
        if (!((c >= 'a' && c <= 'z')
            || (c >= 'A' && c <= 'Z')
            || (c >= '0' && c <= '9')
            || c == '.'
            || c == '-'
            || c == '_')) {
          return BAD_PATH_CHAR;
        }
      }
    }
    return null;
  }
}
