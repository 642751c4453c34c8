package io.meshguard.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class JsonTests {

  @ParameterizedTest
  @ValueSource(
      strings = {
        "plain",
        "quote \" backslash \\ slash /",
        "new\nline\ttab\rreturn",
        "\u0000\u0001\u001f\u007f",
        "\u2028\u2029",
        "emoji \uD83D\uDE00",
        "lone \uD800 high",
        "lone \uDC00 low"
      })
  void writeWhenAnyStringThenValidJsonReadBackAsTheSameText(String text) throws Exception {
    Map<String, Object> value = new LinkedHashMap<>();
    value.put(text, List.of(text, 1, true));
    value.put("null", null);

    String json = Json.write(value);

    var tree = new ObjectMapper().readTree(json);
    boolean lone = text.contains("lone");
    if (!lone) {
      assertThat(tree.get(text).get(0).textValue()).isEqualTo(text);
    }
    assertThat(tree.get("null").isNull()).isTrue();
    assertThat(json.chars().noneMatch(c -> c < 0x20)).isTrue();
  }

  @ParameterizedTest
  @ValueSource(strings = {"a<b", "x&y", "\"q\" 'a'", "ctl\u0001", "line\nbreak", "lone \uD800"})
  void junitEscapeWhenAnyTextThenWellFormedAttribute(String text) throws Exception {
    String xml = "<a b=\"" + JUnitXml.escape(text) + "\">" + JUnitXml.escape(text) + "</a>";

    var document =
        javax.xml.parsers.DocumentBuilderFactory.newInstance()
            .newDocumentBuilder()
            .parse(new java.io.ByteArrayInputStream(xml.getBytes("UTF-8")));

    String expected =
        text.chars().anyMatch(c -> c < 0x20 && c != '\n' || Character.isSurrogate((char) c))
            ? text.replaceAll("[\\x01\\uD800]", "\uFFFD")
            : text;
    assertThat(document.getDocumentElement().getAttribute("b")).isEqualTo(expected);
    assertThat(Arrays.asList(document.getDocumentElement().getTextContent()))
        .containsExactly(expected);
  }
}
