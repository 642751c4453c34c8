package io.meshguard.core.payload;

import io.meshguard.core.claims.Claims;
import io.meshguard.core.claims.InvalidClaimsException;
import io.meshguard.core.internal.Base64Url;
import io.meshguard.core.internal.PercentDecoding;
import io.meshguard.core.internal.Utf8;
import java.nio.charset.StandardCharsets;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * Decodes the value of a forwarded payload header into {@link Claims}.
 *
 * <p>The mesh sends base64url (RFC 4648 §5) of the JSON payload: Envoy copies the token's own
 * second segment, normally unpadded, padded when {@code pad_forward_payload_header} is set. Both
 * are accepted; the standard alphabet, whitespace, {@code =} inside the value, a length of {@code
 * 4k+1} and wrong padding are malformed. Two more encodings that no Envoy or Istio version sends
 * can be switched on for development and tests: raw JSON (a value starting with <code>{</code>) and
 * percent-encoded JSON (a value starting with {@code %7B}).
 *
 * <p>The decoded bytes must be well-formed UTF-8 holding exactly one JSON object within the {@link
 * PayloadLimits}, without duplicate member names at any depth, whose registered claims have their
 * RFC 7519 types (see {@link Claims}).
 *
 * <p>Immutable and thread-safe. Expected failures are returned as {@link PayloadResult.Malformed},
 * not thrown.
 *
 * @see <a href="https://www.rfc-editor.org/rfc/rfc4648#section-5">RFC 4648 §5</a>
 * @see <a href="https://www.rfc-editor.org/rfc/rfc7519#section-4.1">RFC 7519 §4.1</a>
 * @since 0.1.0
 */
public final class PayloadDecoder {

  private static final char REPLACEMENT_CHARACTER = '\uFFFD';

  private final PayloadLimits limits;
  private final boolean rawJson;
  private final boolean percentEncodedJson;
  private final JsonPayloadReader reader;

  private PayloadDecoder(Builder builder) {
    this.limits = builder.limits;
    this.rawJson = builder.rawJson;
    this.percentEncodedJson = builder.percentEncodedJson;
    this.reader =
        new JsonPayloadReader(
            limits.maxDepth(), limits.maxNumberLength(), limits.maxStringLength());
  }

  /** A decoder with the defaults: base64url only, {@link PayloadLimits#DEFAULTS}. */
  public static PayloadDecoder defaults() {
    return builder().build();
  }

  /** A builder starting from the defaults. */
  public static Builder builder() {
    return new Builder();
  }

  /** The limits in force. */
  public PayloadLimits limits() {
    return limits;
  }

  /** Whether raw JSON values are accepted. */
  public boolean acceptsRawJson() {
    return rawJson;
  }

  /** Whether percent-encoded JSON values are accepted. */
  public boolean acceptsPercentEncodedJson() {
    return percentEncodedJson;
  }

  /**
   * Decodes one header value.
   *
   * <p>A raw-JSON value is taken as containers hand header octets over, one {@code char} per octet
   * (ISO-8859-1), so its octets must be UTF-8: text whose only non-ASCII characters are at most
   * U+00FF cannot be told apart from such octets and is read as them.
   *
   * @param value the header value exactly as received
   * @return the claims, or why the value is malformed
   */
  public PayloadResult decode(String value) {
    Objects.requireNonNull(value, "value");
    if (value.isEmpty()) {
      return new PayloadResult.Malformed(Malformation.EMPTY, null);
    }
    if (value.length() > limits.maxHeaderLength()) {
      return new PayloadResult.Malformed(Malformation.TOO_LARGE, null);
    }
    byte[] json;
    Malformation encodingError;
    if (rawJson && value.charAt(0) == '{') {
      json = rawJsonBytes(value);
      encodingError = Malformation.INVALID_HEADER_TEXT;
    } else if (percentEncodedJson && isPercentEncodedBrace(value)) {
      json = PercentDecoding.decode(value);
      encodingError = Malformation.INVALID_PERCENT_ENCODING;
    } else {
      json = Base64Url.decode(value);
      encodingError = Malformation.INVALID_BASE64URL;
    }
    if (json == null) {
      return new PayloadResult.Malformed(encodingError, null);
    }
    try {
      return new PayloadResult.Decoded(Claims.of(reader.read(json)));
    } catch (PayloadFormatException e) {
      return new PayloadResult.Malformed(e.malformation(), e.claim());
    } catch (InvalidClaimsException e) {
      Malformation malformation =
          e.isRangeError() ? Malformation.CLAIM_RANGE : Malformation.CLAIM_TYPE;
      return new PayloadResult.Malformed(malformation, e.claim());
    }
  }

  private static boolean isPercentEncodedBrace(String value) {
    return value.length() >= 3
        && value.charAt(0) == '%'
        && value.charAt(1) == '7'
        && (value.charAt(2) == 'B' || value.charAt(2) == 'b');
  }

  /**
   * A raw JSON value's bytes, or {@code null} when they are not well-formed UTF-8. Containers hand
   * header octets over as ISO-8859-1 characters (each char one octet), which restores the bytes the
   * client sent: those must be UTF-8. A value holding wider characters was decoded by the container
   * already; a U+FFFD in it stands for bytes that were not UTF-8, and a lone surrogate is no text.
   */
  private static byte @Nullable [] rawJsonBytes(String value) {
    boolean wide = false;
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      if (c > 0xFF) {
        wide = true;
        if (c == REPLACEMENT_CHARACTER) {
          return null;
        }
      }
    }
    if (wide) {
      return Utf8.hasLoneSurrogate(value) ? null : value.getBytes(StandardCharsets.UTF_8);
    }
    byte[] octets = value.getBytes(StandardCharsets.ISO_8859_1);
    return Utf8.isValid(octets) ? octets : null;
  }

  /**
   * Builds a {@link PayloadDecoder}. Not thread-safe.
   *
   * @since 0.1.0
   */
  public static final class Builder {
    private PayloadLimits limits = PayloadLimits.DEFAULTS;
    private boolean rawJson;
    private boolean percentEncodedJson;

    private Builder() {}

    /** Sets the size limits (default {@link PayloadLimits#DEFAULTS}). */
    public Builder limits(PayloadLimits limits) {
      this.limits = Objects.requireNonNull(limits, "limits");
      return this;
    }

    /**
     * Also accepts a value that starts with <code>{</code> as raw JSON. Off by default: no Envoy or
     * Istio version sends it.
     */
    public Builder acceptRawJson(boolean accept) {
      this.rawJson = accept;
      return this;
    }

    /**
     * Also accepts a value that starts with {@code %7B} or {@code %7b} as percent-encoded JSON (RFC
     * 3986: {@code +} stays a plus). Off by default: no Envoy or Istio version sends it.
     */
    public Builder acceptPercentEncodedJson(boolean accept) {
      this.percentEncodedJson = accept;
      return this;
    }

    /** The decoder. */
    public PayloadDecoder build() {
      return new PayloadDecoder(this);
    }
  }
}
