package io.meshguard.core.policy;

import io.meshguard.core.internal.ReloadingFile;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * A policy file that is reloaded when it changes, for {@link
 * io.meshguard.core.Meshguard.Builder#policies(Supplier)}.
 *
 * <p>Kubernetes updates a mounted ConfigMap by swapping a {@code ..data} symlink in the mounted
 * directory, not by writing the file in place; so the watcher does not rely on file events but
 * checks, at a fixed interval, the file's resolved real path and a SHA-256 of its content. A new
 * version replaces the old one atomically: each request sees one whole version. A version that
 * fails to load keeps the previous one in force, is logged as an error, and is tried again when the
 * content changes again. The first load must succeed. Thread-safe; {@link #close()} stops watching.
 *
 * @since 0.1.0
 */
public final class PolicyFileWatcher implements Supplier<PolicySet>, AutoCloseable {

  /** The default interval between checks: one second. */
  public static final Duration DEFAULT_INTERVAL = Duration.ofSeconds(1);

  private final ReloadingFile<PolicySet> file;

  private PolicyFileWatcher(ReloadingFile<PolicySet> file) {
    this.file = file;
  }

  /**
   * Loads {@code file} and watches it.
   *
   * @param interval how often to check for a new version
   * @throws IOException when the file cannot be read
   * @throws PolicyLoadException when the first version cannot be loaded
   */
  public static PolicyFileWatcher watch(Path file, Workload workload, Duration interval)
      throws IOException {
    Objects.requireNonNull(workload, "workload");
    return new PolicyFileWatcher(
        ReloadingFile.watch(
            file,
            interval,
            content -> PolicySet.load(new String(content, StandardCharsets.UTF_8), workload)));
  }

  /** The policies in force now. */
  @Override
  public PolicySet get() {
    return file.get();
  }

  /** Checks for a new version now (the schedule does this on its own). */
  public void check() {
    file.check();
  }

  /** Stops watching; the last version stays available. */
  @Override
  public void close() {
    file.close();
  }
}
