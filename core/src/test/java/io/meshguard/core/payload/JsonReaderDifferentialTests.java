package io.meshguard.core.payload;

import static org.assertj.core.api.Assertions.assertThat;

import io.meshguard.core.internal.JsonObject;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The hand-written {@link JsonPayloadReader} against the Jackson-based reader it replaced ({@link
 * JacksonPayloadReader}): for every input both accept and read the same values, or both reject it
 * for the same {@link Malformation}. Tables of edge cases here; {@link
 * JsonReaderDifferentialFuzzTests} explores the rest.
 */
class JsonReaderDifferentialTests {

  static final JsonPayloadReader HAND_WRITTEN = new JsonPayloadReader(6, 12, 16);
  static final JacksonPayloadReader JACKSON = new JacksonPayloadReader(6, 12, 16);
  static final JsonPayloadReader DEFAULTS = new JsonPayloadReader(32, 1000, 8192);
  static final JacksonPayloadReader JACKSON_DEFAULTS = new JacksonPayloadReader(32, 1000, 8192);

  @ParameterizedTest
  @ValueSource(
      strings = {
        "{}",
        " {\"a\" : 1 } ",
        "{\"a\":1,\"a\":2}",
        "{\"a\":1,\"\\u0061\":2}",
        "{\"a\":{\"b\":1,\"b\":x}}",
        "{\"a\":1,\"a\":",
        "{\"0123456789abcdefX\":x}",
        "{\"0123456789abcdefX\":1}",
        "{\"\\ud800\":tru}",
        "{\"\\ud800\":1}",
        "{\"\\udc00\":1}",
        "{\"\\ud83d\\ude00\":1}",
        "{\"a\\ud83d\\ude00b\":1}",
        "{\"\\ud83dx\":1}",
        "{\"\\ud83d\\u0041\":1}",
        "{\"\\ud83d\":\"\\ud800\"}",
        "{\"0123456789abcdef\\ud800\":1}",
        "{\"a\":\"\\ud83d\\ude00\"}",
        "{\"a\":\"\\ude00\"}",
        "{\"a\":\"\\ud83d\"}",
        "{\"a\":\"\\ud83dx\"}",
        "{\"a\":\"\\ud83d\\ud83d\\ude00\"}",
        "{\"a\":\"\\ud83d\\q\"}",
        "{\"a\":\"0123456789abcdefX\"}",
        "{\"a\":\"0123456789abcdef\"}",
        "{\"a\":\"\\u00e9\\n\\t\\\"\\\\\\/\\b\\f\\r\"}",
        "{\"a\":\"\\u00G0\"}",
        "{\"a\":\"\\x\"}",
        "{\"a\":\"tab\there\"}",
        "{\"a\":[1,2,[3,[4,[5,[6]]]]]}",
        "{\"a\":[1,2,[3,[4,[5]]]]}",
        "{\"a\":{\"b\":{\"c\":{\"d\":{\"e\":{}}}}}}",
        "{\"a\":{\"b\":{\"c\":{\"d\":{\"e\":1}}}}}",
        "{\"a\":1234567890123}",
        "{\"a\":12345678901234}",
        "{\"a\":-0}",
        "{\"a\":-0.0}",
        "{\"a\":1.50}",
        "{\"a\":1e2}",
        "{\"a\":1E+2}",
        "{\"a\":1e-2}",
        "{\"a\":1.}",
        "{\"a\":.5}",
        "{\"a\":01}",
        "{\"a\":-}",
        "{\"a\":+1}",
        "{\"a\":1e}",
        "{\"a\":1x}",
        "{\"a\":1 x}",
        "{\"a\":truex}",
        "{\"a\":true#}",
        "{\"a\":true1}",
        "{\"a\":nul}",
        "{\"a\":null,}",
        "{\"a\":[1,]}",
        "{\"a\":[,1]}",
        "{\"a\":[}",
        "{\"a\" 1}",
        "{a:1}",
        "{'a':1}",
        "{\"a\":1}x",
        "{\"a\":1}{}",
        "{\"a\":1} ",
        "[1]",
        "[1,",
        "\"x",
        "1",
        "1 ",
        "1x",
        "01",
        "-",
        "true",
        "true,",
        "truex",
        "true\u0001",
        "tru",
        "null",
        "x",
        "",
        "   ",
        "}",
        "{",
        "{\"a\"",
        "{\"a\":",
        "{\"a\":\"x",
        "{\"a\":[1",
        "{\"a\":9223372036854775807,\"b\":-9223372036854775808}",
        "{\"a\":9223372036854775808,\"b\":-9223372036854775809}",
        "{\"a\":123456789012345678901234567890}",
        "{\"a\":1e99999999999}",
        "{\"a\":1.5e-400}",
        "{\"Aa\":1,\"BB\":2}",
        "{\"Aa\":{\"BB\":1,\"Aa\":2},\"BB\":{\"Aa\":1,\"Aa\":2}}",
        "{\"a\":\"\\",
        "{\"a\":\"\\u12",
        "{\"a\":\"\\u123",
        "{\"a\":\"\\u123\"}",
        "{\"a\":\"\\n\\n\\n\\n\\n\\n\\n\\n\\n\\n\\n\\n\\n\\n\\n\\n\"}",
        "{\"a\":\"\\n\\n\\n\\n\\n\\n\\n\\n\\n\\n\\n\\n\\n\\n\\n\\n\\n\"}",
        "{\"a\":[\"x\",\"\\n\\n\\n\\n\\n\\n\\n\\n\\n\\n\\n\\n\\n\\n\\n\\n\\n\"]}",
        "{\"a\":[\"\\ud800\"]}",
        "{\"a\":[tru]}",
        "{\"a\":[true1]}",
        "{\"a\":[1.]}",
        "{\"a\":[01]}",
        "{\"a\":[-]}",
        "{\"a\":[x]}",
        "{\"a\":[1234567890123]}",
        "{\"a\":[1e99999999999]}",
        "{\"a\":[{\"b\":1,\"b\":2}]}",
        "{\"a\":{\"b\":[1,{\"c\":{\"d\":[]}}]}}",
        "0",
        "-0",
        "00",
        "-00",
        "1.",
        "1e",
        "1e+",
        "0 ",
        "0x",
        "true]",
        "true}",
        "true/",
        "true:",
        "true$",
        "trueA",
        "true_",
        "true0",
        "false ",
        "null,",
        "nulll",
        " [\u0000",
      })
  void tableWhenReadByBothThenSameOutcome(String json) {
    byte[] bytes = json.getBytes(StandardCharsets.UTF_8);
    assertThat(outcome(HAND_WRITTEN, bytes)).isEqualTo(outcome(JACKSON, bytes));
    assertThat(outcome(DEFAULTS, bytes)).isEqualTo(outcome(JACKSON_DEFAULTS, bytes));
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "7b2261223a2263c3a9227d", // {"a":"cé"}
        "7b2261223a22f09f9880227d", // an emoji, four bytes
        "7b2261223a22c0af227d", // an overlong slash
        "7b2261223a22eda080227d", // an encoded surrogate
        "7b2261223a2280227d", // a lone continuation byte
        "7b2261223a22e282227d", // a truncated sequence
        "efbbbf7b7d", // a byte order mark
        "7b00227d", // a zero byte early
        "5b315d80", // [1] then a stray byte
        "74727565c3a9", // true then é
        "74727565e282ac", // true then €
        "74727565f09f9880", // true then an emoji
        "74727565c2a0", // true then a no-break space
        "74727565cc81", // true then a combining accent
        "5b00", // [ then a zero byte
        "20205b00", // a zero byte as the fourth
        "2020205b00", // a zero byte as the fifth
        "7b2261223a22c3a9c3a9c3a9c3a9c3a9c3a9c3a9c3a9c3a9c3a9c3a9c3a9c3a9c3a9c3a9c3a9227d", // 16 é
        "7b2261223a22c3a9c3a9c3a9c3a9c3a9c3a9c3a9c3a9c3a9c3a9c3a9c3a9c3a9c3a9c3a9c3a9c3a9227d", // 17
        "7b2261223a22f09f9880f09f9880f09f9880f09f9880f09f9880f09f9880f09f9880f09f9880227d", // 8
        // emoji
        "7b2261223a22f09f9880f09f9880f09f9880f09f9880f09f9880f09f9880f09f9880f09f988078227d", // + x
        "7b2261223a22e282ace282ace282ace282ace282ace282ace282ace282ace282ace282ace282ace282ace282ace282ace282ace282ace282ac227d", // 17 €
        "7b2261223a747275658022", // true then a stray byte inside an object
        "7b22c3a9223a317d", // {"é":1}
        "7b22c3a9223a312c225c7530306539223a327d", // {"é":1,"\\u00e9":2}
      })
  void bytesWhenReadByBothThenSameOutcome(String hex) {
    byte[] bytes = java.util.HexFormat.of().parseHex(hex);
    assertThat(outcome(HAND_WRITTEN, bytes)).isEqualTo(outcome(JACKSON, bytes));
    assertThat(outcome(DEFAULTS, bytes)).isEqualTo(outcome(JACKSON_DEFAULTS, bytes));
  }

  /**
   * Objects with many members, nested (validated before built) and at the top, duplicates early and
   * late.
   */
  @ParameterizedTest
  @ValueSource(ints = {-1, 3, 31, 32, 33, 39})
  void manyMembersWhenReadByBothThenSameOutcome(int duplicateAt) {
    StringBuilder members = new StringBuilder();
    for (int i = 0; i < 40; i++) {
      members.append(i == 0 ? "" : ",").append("\"k").append(i).append("\":").append(i);
    }
    if (duplicateAt >= 0) {
      members.append(",\"k").append(duplicateAt).append("\":0");
    }
    for (String json :
        new String[] {
          "{" + members + "}",
          "{\"outer\":{" + members + "},\"after\":{\"k1\":1}}",
          "{\"list\":[{" + members + "},{\"k1\":1,\"k1\":2}]}",
          "{\"a\":{\"k1\":1},\"b\":{\"k1\":{\"k1\":1},\"k2\":1}}"
        }) {
      byte[] bytes = json.getBytes(StandardCharsets.UTF_8);
      assertThat(outcome(DEFAULTS, bytes)).isEqualTo(outcome(JACKSON_DEFAULTS, bytes));
    }
  }

  private interface Reader {
    JsonObject read(byte[] utf8) throws PayloadFormatException;
  }

  static String outcome(JsonPayloadReader reader, byte[] data) {
    return outcome((Reader) reader::read, data);
  }

  static String outcome(JacksonPayloadReader reader, byte[] data) {
    return outcome((Reader) reader::read, data);
  }

  private static String outcome(Reader reader, byte[] data) {
    try {
      StringBuilder out = new StringBuilder("read ");
      render(reader.read(data), out);
      return out.toString();
    } catch (PayloadFormatException e) {
      return "malformed " + e.malformation();
    }
  }

  /** Every value with its type; strings unit by unit, so surrogates and escapes show. */
  private static void render(Object value, StringBuilder out) {
    if (value == null) {
      out.append("null");
    } else if (value instanceof JsonObject) {
      JsonObject object = (JsonObject) value;
      out.append('{');
      for (int i = 0; i < object.size(); i++) {
        render(object.keyAt(i), out);
        out.append(':');
        render(object.valueAt(i), out);
        out.append(',');
      }
      out.append('}');
      // Lookups by name agree with the members.
      for (int i = 0; i < object.size(); i++) {
        assertThat(object.get(object.keyAt(i))).isEqualTo(object.valueAt(i));
      }
    } else if (value instanceof List) {
      out.append('[');
      for (Object item : (List<?>) value) {
        render(item, out);
        out.append(',');
      }
      out.append(']');
    } else if (value instanceof String) {
      out.append('"');
      ((String) value).chars().forEach(c -> out.append(String.format("\\u%04x", c)));
      out.append('"');
    } else if (value instanceof Long
        || value instanceof BigInteger
        || value instanceof BigDecimal
        || value instanceof Boolean) {
      out.append(value.getClass().getSimpleName()).append('(').append(value).append(')');
    } else {
      throw new AssertionError("unexpected value type " + value.getClass());
    }
  }
}
