package io.meshguard.cli;

import java.util.ArrayList;
import java.util.List;

/**
 * Test results as the JUnit XML CI servers read ({@code testsuites}/{@code testsuite}/{@code
 * testcase}/{@code failure}, Ant's schema): one suite per table, one case per row. Text and
 * attributes are escaped, and characters XML 1.0 cannot hold are replaced, so any case name gives a
 * well-formed document.
 */
final class JUnitXml {

  private final String suite;
  private final List<String> cases = new ArrayList<>();
  private int failures;
  private double time;

  JUnitXml(String suite) {
    this.suite = suite;
  }

  void passed(String name, double seconds) {
    time += seconds;
    cases.add(
        "    <testcase classname=\""
            + escape("meshguard." + suite)
            + "\" name=\""
            + escape(name)
            + "\" time=\""
            + TestCommand.seconds(seconds)
            + "\"/>\n");
  }

  void failed(String name, double seconds, String message, String details) {
    time += seconds;
    failures++;
    cases.add(
        "    <testcase classname=\""
            + escape("meshguard." + suite)
            + "\" name=\""
            + escape(name)
            + "\" time=\""
            + TestCommand.seconds(seconds)
            + "\">\n"
            + "      <failure message=\""
            + escape(message)
            + "\" type=\"meshguard.PolicyTestFailure\">"
            + escape(details)
            + "</failure>\n"
            + "    </testcase>\n");
  }

  @Override
  public String toString() {
    String counts =
        " tests=\""
            + cases.size()
            + "\" failures=\""
            + failures
            + "\" errors=\"0\""
            + " time=\""
            + TestCommand.seconds(time)
            + "\"";
    StringBuilder xml = new StringBuilder("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
    xml.append("<testsuites name=\"meshguard\"").append(counts).append(">\n");
    xml.append("  <testsuite name=\"")
        .append(escape(suite))
        .append('"')
        .append(counts)
        .append(" skipped=\"0\">\n");
    cases.forEach(xml::append);
    xml.append("  </testsuite>\n</testsuites>\n");
    return xml.toString();
  }

  /** Escapes markup and replaces what XML 1.0 forbids (control characters, lone surrogates). */
  static String escape(String text) {
    StringBuilder out = new StringBuilder(text.length());
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      switch (c) {
        case '&':
          out.append("&amp;");
          break;
        case '<':
          out.append("&lt;");
          break;
        case '>':
          out.append("&gt;");
          break;
        case '"':
          out.append("&quot;");
          break;
        case '\'':
          out.append("&apos;");
          break;
        case '\n':
          out.append("&#10;");
          break;
        case '\r':
          out.append("&#13;");
          break;
        case '\t':
          out.append("&#9;");
          break;
        default:
          if (Character.isHighSurrogate(c)
              && i + 1 < text.length()
              && Character.isLowSurrogate(text.charAt(i + 1))) {
            out.append(c).append(text.charAt(++i));
          } else if (c < 0x20 || Character.isSurrogate(c) || c == '\uFFFE' || c == '\uFFFF') {
            out.append('\uFFFD');
          } else {
            out.append(c);
          }
      }
    }
    return out.toString();
  }
}
