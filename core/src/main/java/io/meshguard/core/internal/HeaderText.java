package io.meshguard.core.internal;

/** Character-set checks for text meshguard puts into response headers. */
public final class HeaderText {

  private HeaderText() {}

  /**
   * Whether {@code text} may stand inside an RFC 6750 {@code error_description} (or, with the space
   * excluded, a {@code scope-token}): {@code %x20-21 / %x23-5B / %x5D-7E}.
   */
  public static boolean isRfc6750Text(String text) {
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c < 0x20 || c > 0x7E || c == '"' || c == '\\') {
        return false;
      }
    }
    return true;
  }

  /**
   * Whether {@code scope} is a non-empty RFC 6749 scope-token: {@code 1*( %x21 / %x23-5B / %x5D-7E
   * )}.
   */
  public static boolean isScopeToken(String scope) {
    return !scope.isEmpty() && scope.indexOf(' ') < 0 && isRfc6750Text(scope);
  }
}
