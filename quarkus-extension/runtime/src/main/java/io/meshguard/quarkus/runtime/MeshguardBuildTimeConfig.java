package io.meshguard.quarkus.runtime;

import io.quarkus.runtime.annotations.ConfigPhase;
import io.quarkus.runtime.annotations.ConfigRoot;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/**
 * meshguard's build-time settings ({@code quarkus.meshguard.*}): fixed when the application is
 * built.
 *
 * @since 0.1.0
 */
@ConfigMapping(prefix = "quarkus.meshguard")
@ConfigRoot(phase = ConfigPhase.BUILD_TIME)
public interface MeshguardBuildTimeConfig {

  /**
   * Whether meshguard guards the application. When {@code false} nothing of meshguard is installed:
   * no filter, no authentication mechanism, no annotation checks; requests pass as if the extension
   * were absent.
   */
  @WithDefault("true")
  boolean enabled();
}
