package io.meshguard.core.peer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

class XfccParserTests {

  @Test
  void parseWhenEnvoyDocExampleOneThenReadsEveryKey() {
    // envoyproxy/envoy docs/root/configuration/http/http_conn_man/headers.rst, example 1
    List<XfccElement> elements =
        XfccParser.parse(
            "By=http://frontend.lyft.com;Hash=468ed33be74eee6556d90c0149c1309e9ba61d6425303443c0748a02dd8de688;"
                + "Subject=\"/C=US/ST=CA/L=San Francisco/OU=Lyft/CN=Test Client\";URI=http://testclient.lyft.com");

    assertThat(elements).hasSize(1);
    XfccElement element = elements.get(0);
    assertThat(element.by()).containsExactly("http://frontend.lyft.com");
    assertThat(element.hash())
        .contains("468ed33be74eee6556d90c0149c1309e9ba61d6425303443c0748a02dd8de688");
    assertThat(element.subject()).contains("/C=US/ST=CA/L=San Francisco/OU=Lyft/CN=Test Client");
    assertThat(element.uris()).containsExactly("http://testclient.lyft.com");
  }

  @Test
  void parseWhenEnvoyDocExampleTwoThenTwoElementsInOrder() {
    // headers.rst, example 2
    List<XfccElement> elements =
        XfccParser.parse(
            "By=http://frontend.lyft.com;Hash=468ed33be74eee6556d90c0149c1309e9ba61d6425303443c0748a02dd8de688;"
                + "URI=http://testclient.lyft.com,By=http://backend.lyft.com;"
                + "Hash=9ba61d6425303443c0748a02dd8de688468ed33be74eee6556d90c0149c1309e;URI=http://frontend.lyft.com");

    assertThat(elements)
        .extracting(XfccElement::uris)
        .containsExactly(
            List.of("http://testclient.lyft.com"), List.of("http://frontend.lyft.com"));
  }

  @Test
  void parseWhenEnvoyDocExampleThreeThenRepeatedDnsKept() {
    // headers.rst, example 3
    XfccElement element =
        XfccParser.parse(
                "By=http://frontend.lyft.com;Hash=468ed33be74eee6556d90c0149c1309e9ba61d6425303443c0748a02dd8de688;"
                    + "Subject=\"/C=US/ST=CA/L=San Francisco/OU=Lyft/CN=Test Client\";URI=http://testclient.lyft.com;"
                    + "DNS=lyft.com;DNS=www.lyft.com")
            .get(0);
    assertThat(element.dns()).containsExactly("lyft.com", "www.lyft.com");
  }

  @Test
  void parseWhenIstioMultiHopWithCommaInQuotedSubjectThenTwoElements() {
    // istio/istio security/pkg/server/ca/authenticate/xfcc_authenticator_test.go (WIRE-FORMATS.md
    // C.5 #16)
    String header =
        "Hash=hash;Cert=\"-----BEGIN%20CERTIFICATE-----%0cert%0A-----END%20CERTIFICATE-----%0A\";"
            + "Subject=\"CN=hello,OU=hello,O=Acme\\, Inc.\";URI=spiffe://mesh.example.com/ns/firstns/sa/firstsa;"
            + "DNS=hello.west.example.com;DNS=hello.east.example.com,"
            + "By=spiffe://mesh.example.com/ns/hellons/sa/hellosa;Hash=again;Subject=\"\";"
            + "URI=spiffe://mesh.example.com/ns/otherns/sa/othersa";

    List<XfccElement> elements = XfccParser.parse(header);

    assertThat(elements).hasSize(2);
    assertThat(elements.get(0).subject()).contains("CN=hello,OU=hello,O=Acme, Inc.");
    assertThat(elements.get(0).dns())
        .containsExactly("hello.west.example.com", "hello.east.example.com");
    assertThat(elements.get(1).subject()).contains("");
    assertThat(elements.get(1).uris())
        .containsExactly("spiffe://mesh.example.com/ns/otherns/sa/othersa");
    assertThat(XfccParser.parseLast(List.of(header))).isEqualTo(elements.get(1));
  }

  @Test
  void parseWhenEnvoyIntegrationSubjectInRfc2253FormThenCommasStayInside() {
    // envoyproxy/envoy test/integration/xfcc_integration_test.h (WIRE-FORMATS.md C.5 #13)
    XfccElement element =
        XfccParser.parse(
                "By=spiffe://lyft.com/backend-team;Hash=abc;"
                    + "Subject=\"emailAddress=frontend-team@lyft.com,CN=Test Frontend Team,OU=Lyft Engineering,"
                    + "O=Lyft,L=San Francisco,ST=California,C=US\";URI=spiffe://lyft.com/frontend-team;"
                    + "DNS=lyft.com;DNS=www.lyft.com")
            .get(0);
    assertThat(element.subject().orElseThrow()).startsWith("emailAddress=").endsWith("C=US");
    assertThat(element.uris()).containsExactly("spiffe://lyft.com/frontend-team");
  }

  @Test
  void parseWhenEmptyUriAsSanitizeSetEmitsThenKeptEmpty() {
    // envoyproxy/envoy conn_manager_utility_test.cc SANITIZE_SET, peer without URI SAN (C.5 #10)
    XfccElement element =
        XfccParser.parse(
                "By=test://foo.com/be;Hash=abcdefg;Subject=\"/C=US/CN=test.lyft.com\";URI=")
            .get(0);
    assertThat(element.uris()).containsExactly("");
  }

  @Test
  void parseWhenKeysInAnyCaseThenFoundCaseInsensitively() {
    XfccElement element = XfccParser.parse("by=a;URI=b;uri=c;dNs=d;X-Custom=e").get(0);
    assertThat(element.by()).containsExactly("a");
    assertThat(element.uris()).containsExactly("b", "c");
    assertThat(element.count("Uri")).isEqualTo(2);
    assertThat(element.single("URI")).isEmpty();
    assertThat(element.values("x-custom")).containsExactly("e");
    assertThat(element.keys()).containsExactly("By", "URI", "URI", "DNS", "x-custom");
  }

  static Stream<Arguments> quoting() {
    return Stream.of(
        Arguments.of("Subject=\"a,b\"", "a,b"),
        Arguments.of("Subject=\"a;b=c\"", "a;b=c"),
        Arguments.of("Subject=\"say \\\"hi\\\"\"", "say \"hi\""),
        Arguments.of("Subject=\"back\\\\slash\"", "back\\slash"),
        Arguments.of("Subject=\"O=Acme\\, Inc.\"", "O=Acme, Inc."),
        Arguments.of("Subject=\"\"", ""),
        Arguments.of("Subject=\" spaced \"", " spaced "));
  }

  @ParameterizedTest
  @MethodSource("quoting")
  void parseWhenQuotedValueThenUnquotesAndUnescapes(String header, String subject) {
    assertThat(XfccParser.parse(header).get(0).subject()).contains(subject);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "",
        ",",
        "By=a,",
        ",By=a",
        "By=a,,URI=b",
        "By=a;",
        "By=a;;URI=b",
        ";By=a",
        "By",
        "Hash",
        "Hash=;Hash",
        "junk xfcc header",
        "=value",
        "By=\"unterminated",
        "By=\"ends with backslash\\",
        "Subject=\"a\"b",
        "Subject=a\"b\"",
        "By=a=b",
        "By=a\\,b",
        "By=a; URI=b",
        "B y=a",
        "By=a b",
        "By=a\u0000",
      })
  void parseWhenNotEnvoysGrammarThenMalformed(String header) {
    assertThatExceptionOfType(XfccFormatException.class).isThrownBy(() -> XfccParser.parse(header));
    assertThatExceptionOfType(XfccFormatException.class)
        .isThrownBy(() -> XfccParser.parseLast(List.of(header)));
  }

  @Test
  void parseWhenMalformedThenMessageNeverRepeatsInput() {
    assertThatExceptionOfType(XfccFormatException.class)
        .isThrownBy(() -> XfccParser.parse("By=\"secret-material"))
        .satisfies(e -> assertThat(e.getMessage()).doesNotContain("secret").contains("offset"));
  }

  @Test
  void parseWhenWhitespaceAroundElementCommasThenAccepted() {
    assertThat(XfccParser.parse("By=a;URI=b , By=c;URI=d\t,\tURI=e ")).hasSize(3);
  }

  @Test
  void parseWhenSeveralHeaderLinesThenOneCommaJoinedList() {
    List<XfccElement> elements = XfccParser.parse(List.of("By=a;URI=b", "By=c;URI=d"));
    assertThat(elements).extracting(e -> e.uris().get(0)).containsExactly("b", "d");
    assertThat(XfccParser.parseLast(List.of("By=a;URI=b", "By=c;URI=d")).uris())
        .containsExactly("d");
  }

  @Test
  void parseLastWhenAnEarlierElementIsMalformedThenWholeHeaderMalformed() {
    assertThatExceptionOfType(XfccFormatException.class)
        .isThrownBy(() -> XfccParser.parseLast(List.of("By=\"a;URI=b", "URI=spiffe://x/y")));
    assertThatExceptionOfType(XfccFormatException.class)
        .isThrownBy(() -> XfccParser.parseLast(List.of("", "URI=spiffe://x/y")));
    assertThatExceptionOfType(XfccFormatException.class)
        .isThrownBy(() -> XfccParser.parseLast(List.of()));
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "By=spiffe://cluster.local/ns/a/sa/b;Hash=abc;Subject=\"\";URI=spiffe://cluster.local/ns/c/sa/d",
        "Subject=\"CN=x,O=Acme\\, Inc.\";URI=u",
        "Subject=\"say \\\"hi\\\" \\\\ there\";x-other=\"a=b\"",
      })
  void toStringWhenParsedBackThenEqual(String header) {
    XfccElement element = XfccParser.parse(header).get(0);
    assertThat(XfccParser.parse(element.toString())).containsExactly(element);
  }

  @Test
  void ofWhenBuiltInCodeThenEqualsTheParsedForm() {
    assertThat(XfccElement.of("By", "spiffe://a/b", "URI", "spiffe://c/d"))
        .isEqualTo(XfccParser.parse("by=spiffe://a/b;uri=spiffe://c/d").get(0));
  }

  /** What a parse gives: its elements, or the exception's text (which names the offset). */
  private static Object outcome(java.util.function.Supplier<?> parse) {
    try {
      return parse.get();
    } catch (XfccFormatException e) {
      return e.getMessage();
    }
  }

  private static void assertSameAsReference(String header) {
    assertThat(outcome(() -> XfccParser.parse(header)))
        .as(header)
        .isEqualTo(outcome(() -> XfccReferenceParser.parse(header)));
    assertThat(outcome(() -> XfccParser.parseLast(List.of(header))))
        .as(header)
        .isEqualTo(outcome(() -> XfccReferenceParser.parseLast(List.of(header))));
    Object reference = outcome(() -> XfccReferenceParser.parseLast(List.of(header)));
    if (reference instanceof XfccElement) {
      XfccParser.Pairs pairs = XfccParser.parseLastPairs(List.of(header));
      for (String key : List.of("URI", "uri", "By", "Subject", "Hash", "x-k.e_y")) {
        XfccElement element = (XfccElement) reference;
        assertThat(pairs.count(key)).as(header).isEqualTo(element.count(key));
        assertThat(pairs.singleOrNull(key)).as(header).isEqualTo(element.singleOrNull(key));
      }
    }
  }

  @Test
  void parseWhenFuzzCorpusThenSameAsReferenceParser() throws Exception {
    java.nio.file.Path corpus =
        java.nio.file.Path.of("src/test/resources/io/meshguard/core/peer/XfccFuzzTestsInputs/xfcc");
    try (Stream<java.nio.file.Path> files = java.nio.file.Files.list(corpus)) {
      for (java.nio.file.Path file : (Iterable<java.nio.file.Path>) files::iterator) {
        assertSameAsReference(
            new String(
                java.nio.file.Files.readAllBytes(file),
                java.nio.charset.StandardCharsets.ISO_8859_1));
      }
    }
  }

  @Test
  void parseWhenGeneratedHeadersThenSameAsReferenceParser() {
    // Headers built from the grammar's own characters, valid and not, in every arrangement.
    String[] pieces = {
      "By",
      "URI",
      "Hash",
      "Subject",
      "x-k.e_y",
      "=",
      ";",
      ",",
      " ",
      "\t",
      "\"",
      "\\",
      "spiffe://cluster.local/ns/a/sa/b",
      "CN=a,O=b",
      "\u00e9",
      "\u0001",
      "\u007f",
      "==",
      "a"
    };
    java.util.Random random = new java.util.Random(19);
    for (int round = 0; round < 50_000; round++) {
      StringBuilder header = new StringBuilder();
      int count = random.nextInt(12);
      for (int i = 0; i < count; i++) {
        header.append(pieces[random.nextInt(pieces.length)]);
      }
      assertSameAsReference(header.toString());
    }
    for (String header :
        List.of(
            TWO_HOPS,
            "By=a;URI=b , By=c;URI=d\t,\tURI=e ",
            "Subject=\"CN=hello,O=Acme\\, Inc.\";URI=spiffe://a/b",
            "By=a;;URI=b",
            "=a",
            "By=a;URI=b;",
            "By=a;URI=\"b\"x")) {
      assertSameAsReference(header);
    }
  }

  private static final String TWO_HOPS =
      "By=spiffe://cluster.local/ns/edge/sa/ingress;Hash=9ba61d64;"
          + "URI=spiffe://cluster.local/ns/web/sa/frontend,"
          + "By=spiffe://cluster.local/ns/api-system/sa/orders;"
          + "Hash=468ed33b;Subject=\"\";"
          + "URI=spiffe://cluster.local/ns/api-system/sa/gateway";
}
