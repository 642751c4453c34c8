package io.meshguard.core.policy;

import java.util.List;
import java.util.function.Predicate;
import org.jspecify.annotations.Nullable;

/** One AuthorizationPolicy, compiled at load: every pattern is a matcher, nothing parsed later. */
final class CompiledPolicy {

  enum Action {
    ALLOW,
    DENY,
    AUDIT
  }

  final String namespace;
  final String name;
  final Action action;
  final boolean dryRun;
  final List<Rule> rules;

  CompiledPolicy(String namespace, String name, Action action, boolean dryRun, List<Rule> rules) {
    this.namespace = namespace;
    this.name = name;
    this.action = action;
    this.dryRun = dryRun;
    this.rules = List.copyOf(rules);
  }

  String id() {
    return namespace + "/" + name;
  }

  /** Matches iff any from matches, any to matches and every condition matches; absent = any. */
  static final class Rule {
    final int index;
    final List<Clause> from;
    final List<Clause> to;
    final List<Clause> when;
    final @Nullable String exactPath;

    Rule(
        int index,
        List<Clause> from,
        List<Clause> to,
        List<Clause> when,
        @Nullable String exactPath) {
      this.index = index;
      this.from = List.copyOf(from);
      this.to = List.copyOf(to);
      this.when = List.copyOf(when);
      this.exactPath = exactPath;
    }

    /** The first part that does not match, or {@code null} when the rule matches. */
    @Nullable String mismatch(PolicyContext request) {
      if (!from.isEmpty() && !anyMatches(from, request)) {
        return "from";
      }
      if (!to.isEmpty() && !anyMatches(to, request)) {
        return "to";
      }
      for (Clause condition : when) {
        if (!condition.matches(request)) {
          return "when " + condition.description;
        }
      }
      return null;
    }

    private static boolean anyMatches(List<Clause> clauses, PolicyContext request) {
      for (Clause clause : clauses) {
        if (clause.matches(request)) {
          return true;
        }
      }
      return false;
    }
  }

  /**
   * A {@code source} or {@code operation} (all fields must hold) or one {@code when} condition: a
   * conjunction of field checks.
   */
  static final class Clause {
    final List<Field> fields;
    final String description;

    Clause(List<Field> fields, String description) {
      this.fields = List.copyOf(fields);
      this.description = description;
    }

    boolean matches(PolicyContext request) {
      for (Field field : fields) {
        if (!field.matches(request)) {
          return false;
        }
      }
      return true;
    }
  }

  /**
   * One field or {@code when} condition part: whether any of its values matches the request (values
   * are ORed); a {@code not} field is NOT(OR), and so matches an absent attribute (Istio's rule,
   * the root of ISTIO-SECURITY-2021-004).
   */
  record Field(Predicate<PolicyContext> anyValue, boolean negated) {
    boolean matches(PolicyContext request) {
      return negated != anyValue.test(request);
    }
  }
}
