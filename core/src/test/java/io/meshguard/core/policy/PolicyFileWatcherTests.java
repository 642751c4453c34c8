package io.meshguard.core.policy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PolicyFileWatcherTests {

  private static final Workload ORDERS = Workload.of("api-system", Map.of());
  private static final Duration NEVER = Duration.ofHours(1);

  private static String policy(String name) {
    return "apiVersion: security.istio.io/v1\nkind: AuthorizationPolicy\nmetadata: {name: "
        + name
        + "}\nspec: {rules: [{}]}\n";
  }

  @Test
  void checkWhenFileWrittenInPlaceThenNewVersionInForce(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("policy.yaml");
    Files.writeString(file, policy("one"));
    try (PolicyFileWatcher watcher = PolicyFileWatcher.watch(file, ORDERS, NEVER)) {
      assertThat(watcher.get().policyIds()).containsExactly("api-system/one");
      Files.writeString(file, policy("two"));
      watcher.check();
      assertThat(watcher.get().policyIds()).containsExactly("api-system/two");
    }
  }

  /** Kubernetes: policy.yaml -> ..data/policy.yaml, ..data -> ..2026_v1; an update swaps ..data. */
  @Test
  void checkWhenKubernetesSwapsTheDataSymlinkThenNewVersionInForce(@TempDir Path dir)
      throws Exception {
    Path v1 = Files.createDirectory(dir.resolve("..2026_v1"));
    Path v2 = Files.createDirectory(dir.resolve("..2026_v2"));
    Files.writeString(v1.resolve("policy.yaml"), policy("one"));
    Files.writeString(v2.resolve("policy.yaml"), policy("two"));
    Path data = dir.resolve("..data");
    Files.createSymbolicLink(data, v1.getFileName());
    Path file = dir.resolve("policy.yaml");
    Files.createSymbolicLink(file, Path.of("..data", "policy.yaml"));
    try (PolicyFileWatcher watcher = PolicyFileWatcher.watch(file, ORDERS, NEVER)) {
      assertThat(watcher.get().policyIds()).containsExactly("api-system/one");
      Path next = dir.resolve("..data_tmp");
      Files.createSymbolicLink(next, v2.getFileName());
      Files.move(next, data, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
      watcher.check();
      assertThat(watcher.get().policyIds()).containsExactly("api-system/two");
    }
  }

  @Test
  void checkWhenNewVersionFailsToLoadThenPreviousStaysAndTheNextChangeIsTried(@TempDir Path dir)
      throws Exception {
    Path file = dir.resolve("policy.yaml");
    Files.writeString(file, policy("one"));
    try (PolicyFileWatcher watcher = PolicyFileWatcher.watch(file, ORDERS, NEVER)) {
      Files.writeString(file, policy("broken").replace("rules: [{}]", "action: CUSTOM"));
      watcher.check();
      assertThat(watcher.get().policyIds()).containsExactly("api-system/one");
      Files.writeString(file, policy("three"));
      watcher.check();
      assertThat(watcher.get().policyIds()).containsExactly("api-system/three");
    }
  }

  @Test
  void watchWhenTheScheduleRunsThenChangesArePickedUpOnTheirOwn(@TempDir Path dir)
      throws Exception {
    Path file = dir.resolve("policy.yaml");
    Files.writeString(file, policy("one"));
    try (PolicyFileWatcher watcher = PolicyFileWatcher.watch(file, ORDERS, Duration.ofMillis(10))) {
      Files.writeString(file, policy("two"));
      long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
      while (!watcher.get().policyIds().contains("api-system/two")
          && System.nanoTime() < deadline) {
        Thread.sleep(10);
      }
      assertThat(watcher.get().policyIds()).containsExactly("api-system/two");
    }
  }

  @Test
  void watchWhenTheFirstVersionCannotLoadThenFails(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("policy.yaml");
    Files.writeString(file, policy("bad").replace("rules: [{}]", "action: CUSTOM"));
    assertThatExceptionOfType(PolicyLoadException.class)
        .isThrownBy(() -> PolicyFileWatcher.watch(file, ORDERS, NEVER));
  }
}
