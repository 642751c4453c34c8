package io.meshguard.core.peer;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Tag;

/**
 * The XFCC fuzz target (Jazzer), next to the package-private parser it drives. Under {@code ./mvnw
 * verify} it replays its committed corpus ({@code
 * src/test/resources/io/meshguard/core/peer/XfccFuzzTestsInputs/xfcc/}) as a regression test;
 * {@code JAZZER_FUZZ=1} fuzzes. The property: the parser either returns elements or throws {@link
 * XfccFormatException} with fixed text, and the resolver always gives a defined result.
 */
@Tag("fuzz")
class XfccFuzzTests {

  private static final XfccPeerResolver XFCC =
      XfccPeerResolver.builder().trustDomains("cluster.local").build();

  private static final String FIXED_XFCC_MESSAGE =
      "(Empty XFCC element|Empty XFCC pair|XFCC pair without '='|Invalid XFCC key|Unterminated quote"
          + " in XFCC value|Invalid character in unquoted XFCC value|Unexpected character after"
          + " quoted XFCC value) at offset \\d+";

  @FuzzTest(maxDuration = "60s")
  void xfcc(byte[] data) {
    String header = new String(data, StandardCharsets.ISO_8859_1);
    try {
      assertThat(XfccParser.parse(header)).isNotEmpty();
    } catch (XfccFormatException expected) {
      // Fixed text and an offset, never the header's content.
      assertThat(expected.getMessage()).matches(FIXED_XFCC_MESSAGE);
    }
    PeerResult peer = XFCC.resolve(List.of(header));
    assertThat(peer).isNotNull();
    if (peer instanceof PeerResult.Present) {
      assertThat(SpiffeIds.tryParse(((PeerResult.Present) peer).peer().id())).isPresent();
    }
  }
}
