package io.meshguard.core;

import java.util.Objects;

/**
 * What {@link Meshguard#authenticate} found: a caller's identity, a CORS preflight that needs none,
 * or a refusal.
 *
 * @since 0.1.0
 */
public sealed interface Authentication {

  /** The checks behind this result. */
  Explanation explanation();

  /**
   * The caller is identified; authorize it with {@link Meshguard#authorize}.
   *
   * @param identity the caller
   * @param explanation the checks
   */
  record Identified(MeshIdentity identity, Explanation explanation) implements Authentication {
    /** Checks the parts are present. */
    public Identified {
      Objects.requireNonNull(identity, "identity");
      Objects.requireNonNull(explanation, "explanation");
    }
  }

  /**
   * A CORS preflight: it proceeds without any identity header being read.
   *
   * @param explanation the checks
   */
  record Preflight(Explanation explanation) implements Authentication {
    /** Checks the explanation is present. */
    public Preflight {
      Objects.requireNonNull(explanation, "explanation");
    }
  }

  /**
   * The request is refused before any route is considered.
   *
   * @param denied the denial to render
   */
  record Refused(Decision.Denied denied) implements Authentication {
    /** Checks the denial is present. */
    public Refused {
      Objects.requireNonNull(denied, "denied");
    }

    @Override
    public Explanation explanation() {
      return denied.explanation();
    }
  }
}
