package io.meshguard.core.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HexFormat;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class Utf8Tests {

  @ParameterizedTest
  @ValueSource(strings = {"", "7b7d", "c3a9", "e282ac", "f09f9880", "efbfbf", "f48fbfbf"})
  void isValidWhenWellFormedThenTrue(String hex) {
    assertThat(Utf8.isValid(HexFormat.of().parseHex(hex))).isTrue();
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "c0af", // overlong '/'
        "e080af", // overlong
        "eda080", // surrogate U+D800
        "edbfbf", // surrogate U+DFFF
        "f4908080", // above U+10FFFF
        "c3", // truncated
        "e282", // truncated
        "80", // lone continuation
        "ff",
        "fe",
        "7bc3",
      })
  void isValidWhenMalformedThenFalse(String hex) {
    assertThat(Utf8.isValid(HexFormat.of().parseHex(hex))).isFalse();
  }

  @ParameterizedTest
  @ValueSource(strings = {"\uD800", "a\uDC00", "\uD800a", "\uDBFF"})
  void hasLoneSurrogateWhenUnpairedThenTrue(String text) {
    assertThat(Utf8.hasLoneSurrogate(text)).isTrue();
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "abc", "\uD83D\uDE00", "é"})
  void hasLoneSurrogateWhenPairedOrNoneThenFalse(String text) {
    assertThat(Utf8.hasLoneSurrogate(text)).isFalse();
  }
}
