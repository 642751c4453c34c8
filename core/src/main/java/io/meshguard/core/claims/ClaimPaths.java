package io.meshguard.core.claims;

import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * Claim paths written as text, as route tables and settings take them: a top-level name ({@code
 * roles}) or bracketed names from the top ({@code [realm_access][roles]}), because real claim names
 * hold {@code .} and {@code /}.
 *
 * @since 0.1.0
 */
public final class ClaimPaths {

  private ClaimPaths() {}

  /**
   * Parses a claim path.
   *
   * @param text {@code name} or {@code [name][name]...}
   * @return the names from the top
   * @throws IllegalArgumentException when a name is empty or holds a bracket
   */
  public static List<String> parse(String text) {
    Objects.requireNonNull(text, "text");
    List<String> path;
    if (text.startsWith("[") && text.endsWith("]") && text.length() > 2) {
      path = Arrays.asList(text.substring(1, text.length() - 1).split("\\]\\[", -1));
    } else {
      path = List.of(text);
    }
    for (String name : path) {
      if (name.isEmpty() || name.contains("[") || name.contains("]")) {
        throw new IllegalArgumentException("Not a claim path (name or [name][name]...): " + text);
      }
    }
    return List.copyOf(path);
  }
}
