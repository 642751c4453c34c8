package io.meshguard.core.policy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.Arrays;
import java.util.Objects;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

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

  private static final Logger LOG = LoggerFactory.getLogger(PolicyFileWatcher.class);

  private final Path file;
  private final Workload workload;
  private final AtomicReference<PolicySet> current;
  private final ScheduledExecutorService executor;
  private byte @Nullable [] lastSeen;
  private @Nullable Path lastRealPath;

  private PolicyFileWatcher(Path file, Workload workload, Duration interval) throws IOException {
    this.file = Objects.requireNonNull(file, "file");
    this.workload = Objects.requireNonNull(workload, "workload");
    byte[] content = Files.readAllBytes(file);
    this.current = new AtomicReference<>(PolicySet.load(utf8(content), workload));
    this.lastSeen = sha256(content);
    this.lastRealPath = file.toRealPath();
    this.executor =
        Executors.newSingleThreadScheduledExecutor(
            runnable -> {
              Thread thread = new Thread(runnable, "meshguard-policy-watcher");
              thread.setDaemon(true);
              return thread;
            });
    long millis = Math.max(1, interval.toMillis());
    executor.scheduleWithFixedDelay(this::check, millis, millis, TimeUnit.MILLISECONDS);
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
    return new PolicyFileWatcher(file, workload, interval);
  }

  /** The policies in force now. */
  @Override
  public PolicySet get() {
    return current.get();
  }

  /** Checks for a new version now (the schedule does this on its own). */
  public synchronized void check() {
    try {
      Path realPath = file.toRealPath();
      byte[] content = Files.readAllBytes(realPath);
      byte[] hash = sha256(content);
      if (Arrays.equals(hash, lastSeen) && realPath.equals(lastRealPath)) {
        return;
      }
      lastSeen = hash;
      lastRealPath = realPath;
      current.set(PolicySet.load(utf8(content), workload));
      LOG.info("meshguard loaded a new version of {}", file);
    } catch (IOException | RuntimeException e) {
      // Keep the version in force; the next change is tried again.
      LOG.error("meshguard could not load {}; the previous policies stay in force", file, e);
    }
  }

  /** Stops watching; the last version stays available. */
  @Override
  public void close() {
    executor.shutdownNow();
  }

  private static String utf8(byte[] content) {
    return new String(content, java.nio.charset.StandardCharsets.UTF_8);
  }

  private static byte[] sha256(byte[] content) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(content);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is always available", e);
    }
  }
}
