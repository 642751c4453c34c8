package io.meshguard.core.payload;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.StreamReadFeature;
import io.meshguard.core.internal.JsonObject;
import io.meshguard.core.internal.Utf8;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * The reference implementation {@link JsonPayloadReader} replaced: Jackson's streaming parser plus
 * meshguard's own checks. Kept in the tests so that a differential test and fuzz target can prove
 * the hand-written reader accepts, rejects and reads exactly what this one does.
 *
 * <p>Reads a payload's JSON in one streaming pass into immutable values, enforcing meshguard's
 * limits itself (depth, number and string length, duplicate names at every depth, lone surrogates)
 * so the result does not depend on the Jackson version on the classpath.
 *
 * <p>Values: {@link JsonObject}, unmodifiable {@link List}, {@link String}, {@link Long} (integers
 * that fit), {@link java.math.BigInteger}, {@link java.math.BigDecimal} (numbers with a fraction or
 * exponent), {@link Boolean}, and {@code null}. Thread-safe.
 */
final class JacksonPayloadReader {

  private static final int JACKSON_DEFAULT_MAX_NUMBER_LENGTH = 1000;
  private static final int JACKSON_DEFAULT_MAX_STRING_LENGTH = 20_000_000;

  private final JsonFactory factory;
  private final int maxDepth;
  private final int maxNumberLength;
  private final int maxStringLength;

  /** A reader with the given limits (each at least 1). */
  JacksonPayloadReader(int maxDepth, int maxNumberLength, int maxStringLength) {
    this.maxDepth = maxDepth;
    this.maxNumberLength = maxNumberLength;
    this.maxStringLength = maxStringLength;
    // Jackson's own limits sit just above ours, so ours fire first and name the precise reason.
    StreamReadConstraints constraints =
        StreamReadConstraints.builder()
            .maxNestingDepth(maxDepth + 1)
            .maxNumberLength(Math.max(JACKSON_DEFAULT_MAX_NUMBER_LENGTH, maxNumberLength + 1))
            .maxStringLength(Math.max(JACKSON_DEFAULT_MAX_STRING_LENGTH, maxStringLength + 1))
            .build();
    this.factory =
        JsonFactory.builder()
            .streamReadConstraints(constraints)
            .disable(StreamReadFeature.INCLUDE_SOURCE_IN_LOCATION)
            .build();
  }

  /**
   * Reads {@code utf8}, which the caller has checked to be well-formed UTF-8, as one JSON object.
   *
   * @throws PayloadFormatException when it is not exactly one JSON object within the limits
   */
  JsonObject read(byte[] utf8) throws PayloadFormatException {
    // Jackson guesses UTF-16/32 from zero bytes and skips a UTF-8 BOM; JSON text in a payload is
    // UTF-8 with neither, and a zero byte is never valid JSON outside a string anyway.
    for (int i = 0; i < Math.min(4, utf8.length); i++) {
      if (utf8[i] == 0) {
        throw new PayloadFormatException(Malformation.INVALID_JSON);
      }
    }
    if (utf8.length >= 3
        && (utf8[0] & 0xFF) == 0xEF
        && (utf8[1] & 0xFF) == 0xBB
        && (utf8[2] & 0xFF) == 0xBF) {
      throw new PayloadFormatException(Malformation.INVALID_JSON);
    }
    // One pass: is there anything beyond ASCII (then the JDK's REPORTing decoder judges the UTF-8),
    // and any backslash (unpaired surrogates can only come from \\u escapes, so without one the
    // per-string check is skipped)?
    boolean ascii = true;
    boolean escapes = false;
    for (byte b : utf8) {
      if (b < 0) {
        ascii = false;
      } else if (b == '\\') {
        escapes = true;
      }
    }
    if (!ascii && !Utf8.isValid(utf8)) {
      throw new PayloadFormatException(Malformation.INVALID_UTF8);
    }
    try (JsonParser parser = factory.createParser(utf8)) {
      JsonToken first = parser.nextToken();
      if (first == null) {
        throw new PayloadFormatException(Malformation.INVALID_JSON);
      }
      if (first != JsonToken.START_OBJECT) {
        throw new PayloadFormatException(Malformation.NOT_AN_OBJECT);
      }
      JsonObject object = readObject(parser, 1, escapes);
      if (parser.nextToken() != null) {
        throw new PayloadFormatException(Malformation.INVALID_JSON);
      }
      return object;
    } catch (IOException e) {
      throw new PayloadFormatException(Malformation.INVALID_JSON);
    }
  }

  private JsonObject readObject(JsonParser parser, int depth, boolean escapes)
      throws IOException, PayloadFormatException {
    if (depth > maxDepth) {
      throw new PayloadFormatException(Malformation.TOO_DEEP);
    }
    // A payload's top level has a score of members; nested objects a handful.
    JsonObject.Builder builder = new JsonObject.Builder(depth == 1 ? 32 : 4);
    JsonToken token;
    while ((token = parser.nextToken()) == JsonToken.FIELD_NAME) {
      String name = parser.currentName();
      checkString(name, escapes);
      Object value = readValue(parser, parser.nextToken(), depth, escapes);
      if (!builder.add(name, value)) {
        throw new PayloadFormatException(Malformation.DUPLICATE_KEY);
      }
    }
    if (token != JsonToken.END_OBJECT) {
      throw new PayloadFormatException(Malformation.INVALID_JSON);
    }
    return builder.build();
  }

  private List<@Nullable Object> readArray(JsonParser parser, int depth, boolean escapes)
      throws IOException, PayloadFormatException {
    if (depth > maxDepth) {
      throw new PayloadFormatException(Malformation.TOO_DEEP);
    }
    List<@Nullable Object> items = new ArrayList<>(4);
    JsonToken token;
    while ((token = parser.nextToken()) != JsonToken.END_ARRAY) {
      items.add(readValue(parser, token, depth, escapes));
    }
    return Collections.unmodifiableList(items);
  }

  private @Nullable Object readValue(
      JsonParser parser, @Nullable JsonToken token, int depth, boolean escapes)
      throws IOException, PayloadFormatException {
    if (token == null) {
      throw new PayloadFormatException(Malformation.INVALID_JSON);
    }
    switch (token) {
      case VALUE_STRING:
        if (parser.getTextLength() > maxStringLength) {
          throw new PayloadFormatException(Malformation.STRING_TOO_LONG);
        }
        String text = parser.getText();
        checkString(text, escapes);
        return text;
      case VALUE_NUMBER_INT:
      case VALUE_NUMBER_FLOAT:
        return readNumber(parser, token);
      case VALUE_TRUE:
        return Boolean.TRUE;
      case VALUE_FALSE:
        return Boolean.FALSE;
      case VALUE_NULL:
        return null;
      case START_OBJECT:
        return readObject(parser, depth + 1, escapes);
      case START_ARRAY:
        return readArray(parser, depth + 1, escapes);
      default:
        throw new PayloadFormatException(Malformation.INVALID_JSON);
    }
  }

  private Object readNumber(JsonParser parser, JsonToken token)
      throws IOException, PayloadFormatException {
    if (parser.getTextLength() > maxNumberLength) {
      throw new PayloadFormatException(Malformation.NUMBER_TOO_LONG);
    }
    try {
      if (token == JsonToken.VALUE_NUMBER_FLOAT) {
        return parser.getDecimalValue();
      }
      JsonParser.NumberType type = parser.getNumberType();
      return type == JsonParser.NumberType.INT || type == JsonParser.NumberType.LONG
          ? (Object) parser.getLongValue()
          : parser.getBigIntegerValue();
    } catch (NumberFormatException | ArithmeticException e) {
      // An exponent beyond what BigDecimal can hold, for example.
      throw new PayloadFormatException(Malformation.INVALID_JSON);
    }
  }

  private void checkString(String text, boolean escapes) throws PayloadFormatException {
    if (text.length() > maxStringLength) {
      throw new PayloadFormatException(Malformation.STRING_TOO_LONG);
    }
    if (escapes && Utf8.hasLoneSurrogate(text)) {
      throw new PayloadFormatException(Malformation.LONE_SURROGATE);
    }
  }
}
