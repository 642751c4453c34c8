package io.meshguard.core.route;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Turns a framework's URI template (JAX-RS {@code @Path}, and the same {@code {name}} / {@code
 * {name: regex}} form of other frameworks) into the text of a {@link PathPattern} that matches the
 * same request paths.
 *
 * <ul>
 *   <li>A literal segment stays as it is; empty segments ({@code //}, a leading or trailing {@code
 *       /}) are dropped, as JAX-RS does.
 *   <li>{@code {name}} matches one segment: {@code *}.
 *   <li>{@code {name: regex}} at the end of the template matches any number of segments (its
 *       expression may span {@code /}): {@code **}.
 *   <li>{@code {name: regex}} elsewhere must be an expression {@link PathVariableRegex} proves
 *       never matches {@code /}; it then matches one segment: {@code *}. An expression that may
 *       match {@code /} (or that cannot be checked) is refused, since a route table built from it
 *       would route some requests differently from the framework.
 *   <li>A variable must be a whole segment ({@code x{id}} is refused), and braces must balance (an
 *       expression may itself hold {@code /} or braces: {@code {id: \d{1,3}}}).
 * </ul>
 *
 * <p>{@code /api/v1/orders/{id: [0-9]+}/items} becomes <code>/api/v1/orders/&#42;/items</code>;
 * {@code /files/{path: .+}} becomes {@code /files/**}.
 *
 * @since 0.1.0
 */
public final class PathTemplates {

  private PathTemplates() {}

  /**
   * The {@link PathPattern} text of {@code template}.
   *
   * @throws IllegalArgumentException saying why the template cannot be routed
   */
  public static String toPattern(String template) {
    Objects.requireNonNull(template, "template");
    List<String> segments = segments(template);
    StringBuilder pattern = new StringBuilder();
    for (int i = 0; i < segments.size(); i++) {
      String segment = segments.get(i);
      boolean last = i == segments.size() - 1;
      pattern.append('/');
      if (segment.startsWith("{") && segment.endsWith("}")) {
        int colon = segment.indexOf(':');
        if (colon < 0) {
          pattern.append('*');
        } else if (last) {
          pattern.append("**");
        } else {
          PathVariableRegex regex =
              PathVariableRegex.of(segment.substring(colon + 1, segment.length() - 1).strip());
          if (regex.canMatchSlash()) {
            throw new IllegalArgumentException(
                "the path variable "
                    + segment
                    + " may match '/' in the middle of the path: "
                    + regex.reason().orElseThrow());
          }
          pattern.append('*');
        }
      } else if (segment.contains("{") || segment.contains("}") || segment.contains("*")) {
        throw new IllegalArgumentException(
            "a path variable must be a whole segment, not part of '" + segment + "'");
      } else {
        pattern.append(segment);
      }
    }
    return pattern.length() == 0 ? "/" : pattern.toString();
  }

  /** The template's segments; a variable's expression may itself contain '/' or braces. */
  private static List<String> segments(String template) {
    List<String> segments = new ArrayList<>();
    StringBuilder current = new StringBuilder();
    int depth = 0;
    for (int i = 0; i < template.length(); i++) {
      char c = template.charAt(i);
      if (c == '{') {
        depth++;
      } else if (c == '}') {
        depth--;
        if (depth < 0) {
          throw new IllegalArgumentException("Unbalanced '}' in the path template " + template);
        }
      }
      if (c == '/' && depth == 0) {
        if (current.length() > 0) {
          segments.add(current.toString());
          current.setLength(0);
        }
      } else {
        current.append(c);
      }
    }
    if (depth != 0) {
      throw new IllegalArgumentException("Unbalanced '{' in the path template " + template);
    }
    if (current.length() > 0) {
      segments.add(current.toString());
    }
    return segments;
  }
}
