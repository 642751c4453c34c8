package io.meshguard.core.internal;

/**
 * Recognises request paths that different components could read differently, as Spring Security's
 * {@code StrictHttpFirewall} does: path rules must never see such a path.
 */
public final class RawPaths {

  private RawPaths() {}

  /**
   * Whether the raw (still percent-encoded) request path contains {@code ;}, {@code //}, {@code \},
   * a {@code .} or {@code ..} segment, or an encoded {@code .}, {@code /}, {@code \}, {@code %} or
   * NUL ({@code %2e}, {@code %2f}, {@code %5c}, {@code %25}, {@code %00}, any case). An encoded
   * {@code %} is ambiguous because a second decoding (by a proxy, the container or the application)
   * reads another path; an encoded NUL ends a string for some readers and is refused by the
   * sidecar.
   */
  public static boolean isAmbiguous(String rawPath) {
    int length = rawPath.length();
    for (int i = 0; i < length; i++) {
      char c = rawPath.charAt(i);
      switch (c) {
        case ';':
        case '\\':
          return true;
        case '/':
          if (i + 1 < length && rawPath.charAt(i + 1) == '/') {
            return true;
          }
          if (isDotSegment(rawPath, i + 1)) {
            return true;
          }
          break;
        case '%':
          if (i + 2 < length) {
            char high = rawPath.charAt(i + 1);
            char low = Character.toLowerCase(rawPath.charAt(i + 2));
            if ((high == '2' && (low == 'e' || low == 'f' || low == '5'))
                || (high == '5' && low == 'c')
                || (high == '0' && low == '0')) {
              return true;
            }
          }
          break;
        default:
          break;
      }
    }
    return isDotSegment(rawPath, 0);
  }

  /** Whether the segment starting at {@code start} is {@code .} or {@code ..}. */
  private static boolean isDotSegment(String path, int start) {
    int end = path.indexOf('/', start);
    if (end < 0) {
      end = path.length();
    }
    int length = end - start;
    return (length == 1 && path.charAt(start) == '.')
        || (length == 2 && path.charAt(start) == '.' && path.charAt(start + 1) == '.');
  }
}
