package io.meshguard.core.route;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatNullPointerException;

import java.util.Random;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class PathVariableRegexTests {

  /** Expressions meshguard can prove never match '/': one segment, however they are written. */
  @ParameterizedTest(name = "{0}")
  @ValueSource(
      strings = {
        "[^/]+",
        "\\d+",
        "[a-z0-9-]+",
        "[A-Za-z]{2,5}",
        "(?:foo|bar)",
        "\\w+",
        "[0-9]+",
        "\\d{1,3}",
        "\\d{4,}",
        "[^/]{1,8}+",
        "[a-z]*?",
        "(?<year>\\d{4})-(?<month>\\d{2})",
        "(?>a|bc)+",
        "(foo|bar)",
        "^[a-z]+$",
        "\\b\\w+\\b",
        "\\b{g}a",
        "\\p{Alpha}+",
        "\\p{L}+",
        "\\pL",
        "\\p{IsAlphabetic}",
        "\\p{javaLowerCase}",
        "\\P{ASCII}",
        "[a-z&&[^q]]+",
        "[]a]",
        "[\\]x]",
        "[-.]",
        "[+-.]",
        "[0-9a-f]{8}-[0-9a-f]{4}",
        "a\\.b",
        "\\\\",
        "\\x41",
        "\\x{41}",
        "\\u0041",
        "\\0101",
        "\\cA",
        "\\t",
        "\\Qa.b\\E",
        "\\Qa[b",
        "[\\Q.-\\E]",
        "\\R",
        "[[a]]",
        " [a-z]+ ",
        "é+",
        "}",
        "]",
        "",
      })
  void canMatchSlashWhenExpressionNeverMatchesSlashThenFalse(String regex) {
    assertThat(PathVariableRegex.canMatchSlash(regex)).isFalse();
    assertThat(PathVariableRegex.of(regex).reason()).isEmpty();
  }

  /** Expressions that match '/', or that meshguard cannot prove never do: both fail closed. */
  @ParameterizedTest(name = "{0}")
  @ValueSource(
      strings = {
        ".",
        ".*",
        ".+",
        "a|.",
        "[a-z]+.",
        "/",
        "a/b",
        "(?:a|/)",
        "\\/",
        "[/]",
        "[\\/]",
        "[!-0]+",
        "[!-0&&[^a]]",
        "[\\x00-\\x7F]",
        "[!-0[b]c&&]",
        "\\x2F",
        "\\x{2F}",
        "\\x{002f}",
        "\\u002F",
        "\\u002f",
        "\\057",
        "\\57",
        "\\co",
        "\\N{SOLIDUS}",
        "\\p{Punct}",
        "\\p{ASCII}",
        "\\p{all}",
        "\\p{IsPunctuation}",
        "\\p{InBasicLatin}",
        "\\p{Po}",
        "\\pP",
        "\\P{L}",
        "\\p{IsLatin}|\\p{IsCommon}",
        "[^a]",
        "[^]a]",
        "[^\\d]",
        "[^\\p{L}]",
        "[a[^b]]",
        "[\\s\\S]",
        "[\\w\\W]",
        "\\S+",
        "\\D",
        "\\W",
        "\\H",
        "\\V",
        "\\X",
        "\\Q/\\E",
        "\\Qa/b",
        "[\\Q/\\E]",
        "(?=x).",
        "(?=/)a",
        "(?!x)a",
        "(?<=a)b",
        "(?<!a)b",
        "(a)\\1",
        "(?<n>a)\\k<n>",
        "(?s).",
        "(?i)[a-z]+",
        "(?i:a)",
        "(?-i)a",
        "(?x)a",
        "[[:punct:]]",
        "[[:alpha:]]+",
        "[[=a=]]",
        "(",
        "[a",
        "\\",
        "a{",
        "\\E",
        "\\k",
      })
  void canMatchSlashWhenExpressionMayMatchSlashOrCannotBeCheckedThenTrue(String regex) {
    assertThat(PathVariableRegex.canMatchSlash(regex)).isTrue();
    assertThat(PathVariableRegex.of(regex).reason()).isPresent();
  }

  /** Where java.util.regex shows an expression matching '/', the check must agree. */
  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {".", "[!-0]", "\\x2F", "\\p{Punct}", "[^a]", "\\057", "\\co", "\\X"})
  void canMatchSlashWhenJavaMatchesSlashThenTrue(String regex) {
    assertThat(Pattern.compile(regex).matcher("/").matches()).isTrue();
    assertThat(PathVariableRegex.canMatchSlash(regex)).isTrue();
  }

  @ParameterizedTest(name = "{0} -> {1}")
  @CsvSource(
      delimiter = '|',
      quoteCharacter = '"',
      value = {
        "[!-0]+        | '[!-0]' matches '/'",
        "a.b           | '.' matches '/'",
        "x/            | '/' matches '/'",
        "\\p{Punct}    | '\\p{Punct}' matches '/'",
        "\\x2F         | '\\x2F' matches '/'",
        "[a[^b]]       | '[a[^b]]' matches '/'",
        "a\\Qb/\\E     | a \\Q...\\E quotation contains '/'",
        "(?=a)b        | meshguard cannot check lookaround '(?='",
        "(?<!a)b       | meshguard cannot check lookaround '(?<!'",
        "(a)\\1        | meshguard cannot check backreference '\\1'",
        "(?<n>a)\\k<n> | meshguard cannot check backreference '\\k<n>'",
        "(?i)a         | meshguard cannot check inline flags '(?i)'",
        "(?i:a)        | meshguard cannot check inline flags '(?i:'",
        "[[:punct:]]   | '[:punct:]' is POSIX syntax, which java.util.regex reads as the characters"
            + " between the brackets; meshguard cannot tell what was meant",
        "(a            | it is not a java.util.regex expression",
      })
  void reasonWhenMayMatchSlashThenNamesTheConstruct(String regex, String reason) {
    assertThat(PathVariableRegex.of(regex).reason()).contains(reason);
  }

  /**
   * A trailing {@code &&} in a class: Java 17 compiles it (and meshguard cannot check it), Java 25
   * refuses it ("Bad intersection syntax"); refused as a path variable either way.
   */
  @Test
  void reasonWhenTrailingIntersectionThenFollowsWhatThisJavaCompiles() {
    String regex = "[!-0[b]c&&]";
    boolean compiles;
    try {
      Pattern.compile(regex);
      compiles = true;
    } catch (PatternSyntaxException e) {
      compiles = false;
    }

    assertThat(PathVariableRegex.of(regex).reason())
        .contains(
            compiles
                ? "meshguard cannot check '[!-0[b]c&&]'"
                : "it is not a java.util.regex expression");
    assertThat(PathVariableRegex.of(regex).canMatchSlash()).isTrue();
  }

  /**
   * Soundness against java.util.regex itself: no expression built from these pieces that the check
   * clears matches any of these paths of two segments. Seeded, so every run tries the same ones.
   */
  @Test
  void canMatchSlashWhenFalseThenJavaMatchesNoPathWithASlash() {
    String[] pieces = {
      "[",
      "]",
      "^",
      "!-0",
      "+-.",
      "a",
      "/",
      "\\x2F",
      "\\x{2f}",
      ".",
      "\\",
      "\\Q",
      "\\E",
      "{1,2}",
      "+",
      "*",
      "?",
      "(",
      ")",
      "?:",
      "|",
      "&&",
      "-",
      "\\d",
      "\\D",
      "[:punct:]",
      "\\p{Punct}",
      "\\p{L}",
      "\\057",
      "\\0",
      "1",
      "7",
      "\\/",
      "\\]",
      "\\[",
      "\\\\",
      "\\S",
      "\\w",
      "\\W",
      "(?<n>",
      "(?>",
      "$",
      "\\b",
      "\\co",
      ",",
      "}",
      "{",
      "\\N{SOLIDUS}",
      "\\R",
      "\\X",
      " "
    };
    String[] paths = {
      "/", "a/", "/a", "a/b", "//", "/1", "7/", "\\/", "/]", "-/", "/-", ":/", " / "
    };
    Random random = new Random(12);
    int cleared = 0;
    for (int n = 0; n < 50_000; n++) {
      StringBuilder regex = new StringBuilder();
      for (int k = 1 + random.nextInt(7); k > 0; k--) {
        regex.append(pieces[random.nextInt(pieces.length)]);
      }
      Pattern pattern;
      try {
        pattern = Pattern.compile(regex.toString());
      } catch (PatternSyntaxException e) {
        continue;
      }
      if (PathVariableRegex.canMatchSlash(regex.toString())) {
        continue;
      }
      cleared++;
      for (String path : paths) {
        assertThat(pattern.matcher(path).matches()).as("%s against %s", regex, path).isFalse();
      }
    }
    assertThat(cleared).isGreaterThan(5_000);
  }

  @Test
  void ofWhenSameExpressionThenEqualAndTextKept() {
    PathVariableRegex regex = PathVariableRegex.of("[a-z]+");
    assertThat(regex).isEqualTo(PathVariableRegex.of("[a-z]+"));
    assertThat(regex).hasSameHashCodeAs(PathVariableRegex.of("[a-z]+"));
    assertThat(regex).isNotEqualTo(PathVariableRegex.of("[a-y]+"));
    assertThat(regex.regex()).isEqualTo("[a-z]+");
    assertThat(regex.canMatchSlash()).isFalse();
    assertThat(regex).hasToString("[a-z]+");
  }

  @Test
  void ofWhenNullThenNullPointerException() {
    assertThatNullPointerException()
        .isThrownBy(() -> PathVariableRegex.of(null))
        .withMessage("regex");
  }
}
