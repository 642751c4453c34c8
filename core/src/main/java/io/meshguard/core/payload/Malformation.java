package io.meshguard.core.payload;

/**
 * Why a forwarded payload header is malformed. Every malformation is answered with 400 {@code
 * invalid_request}; the reason appears in explanations and debug logs, never in responses.
 *
 * @since 0.1.0
 */
public enum Malformation {
  /** The header is present but its value is empty. */
  EMPTY("the header value is empty"),
  /** The header arrived on more than one line. */
  REPEATED_HEADER("the header is repeated"),
  /** The header value is longer than {@link PayloadLimits#maxHeaderLength()}. */
  TOO_LARGE("the header value exceeds the size limit"),
  /** Not strict base64url (alphabet, padding, length, trailing bits). */
  INVALID_BASE64URL("the header value is not strict base64url"),
  /** A percent-encoded value (when enabled) with a bad escape or character. */
  INVALID_PERCENT_ENCODING("the header value is not valid percent-encoding"),
  /** A raw JSON value (when enabled) that is not text the header can carry. */
  INVALID_HEADER_TEXT("the header value has characters a raw JSON value cannot hold"),
  /** The decoded bytes are not well-formed UTF-8. */
  INVALID_UTF8("the payload is not valid UTF-8"),
  /** The payload is not syntactically valid JSON (or has a byte order mark or trailing content). */
  INVALID_JSON("the payload is not valid JSON"),
  /** The top-level JSON value is not an object. */
  NOT_AN_OBJECT("the payload is not a JSON object"),
  /** An object has two members of the same name (compared after unescaping). */
  DUPLICATE_KEY("the payload has a duplicate member name"),
  /** Objects and arrays nest deeper than {@link PayloadLimits#maxDepth()}. */
  TOO_DEEP("the payload nests too deeply"),
  /** A number is longer than {@link PayloadLimits#maxNumberLength()}. */
  NUMBER_TOO_LONG("the payload has a number beyond the length limit"),
  /** A string or name is longer than {@link PayloadLimits#maxStringLength()}. */
  STRING_TOO_LONG("the payload has a string beyond the length limit"),
  /** A string escapes a surrogate that is not half of a pair. */
  LONE_SURROGATE("the payload has a lone surrogate escape"),
  /** A registered claim has the wrong JSON type (RFC 7519 §4.1). */
  CLAIM_TYPE("a registered claim has the wrong type"),
  /** A NumericDate lies outside [0, 2^63-1]. */
  CLAIM_RANGE("a NumericDate claim is out of range");

  private final String description;

  Malformation(String description) {
    this.description = description;
  }

  /** A short English description, fixed text that never contains input. */
  public String description() {
    return description;
  }
}
