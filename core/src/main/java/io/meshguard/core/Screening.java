package io.meshguard.core;

import io.meshguard.core.Explanation.Outcome;
import io.meshguard.core.Explanation.Step;
import io.meshguard.core.Explanation.Trail;
import io.meshguard.core.internal.RawPaths;
import io.meshguard.core.request.MeshRequest;
import org.jspecify.annotations.Nullable;

/** Step 1 of the pipeline: what is decided before any identity header is read. */
final class Screening {

  private static final Step PREFLIGHT_STEP =
      new Step("route", Outcome.NOTED, "CORS preflight; identity not checked");
  private static final Step AMBIGUOUS_PATH_STEP =
      new Step("path", Outcome.FAILED, "ambiguous raw path");

  private Screening() {}

  /**
   * A CORS preflight is allowed untouched; an ambiguous raw path is denied (it cannot be trusted to
   * name the endpoint it seems to, public or not); anything else goes on ({@code null}).
   */
  static @Nullable Decision screen(MeshRequest request, Trail steps) {
    if (isCorsPreflight(request)) {
      steps.add(PREFLIGHT_STEP);
      return new Decision.Allowed(null, steps.explanation());
    }
    if (RawPaths.isAmbiguous(request.rawPath())) {
      steps.add(AMBIGUOUS_PATH_STEP);
      return Decision.Denied.of(ErrorCode.AMBIGUOUS_PATH, steps.explanation());
    }
    return null;
  }

  private static boolean isCorsPreflight(MeshRequest request) {
    return "OPTIONS".equals(request.method())
        && !request.headers("origin").isEmpty()
        && !request.headers("access-control-request-method").isEmpty();
  }
}
