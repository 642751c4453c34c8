package io.meshguard.core.internal;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Objects;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A value loaded from a file and reloaded when the file changes. Kubernetes updates a mounted
 * ConfigMap or Secret by swapping a {@code ..data} symlink rather than writing the file, so this
 * does not rely on file events: at a fixed interval it compares the file's resolved real path and a
 * SHA-256 of its content with the last version seen. A new version replaces the old one atomically;
 * one that fails to load keeps the previous value and is tried again on the next change. The first
 * load must succeed.
 *
 * <p>Failures are logged once per cause, since the check runs every interval: a file that cannot be
 * read (missing, a directory, no permission) is one ERROR line without a stack trace until the
 * cause changes, and one INFO line when it can be read again; a version that fails to load is one
 * ERROR line with the loader's exception, and the same content again (say, behind a new symlink) is
 * not logged again.
 *
 * <p>The schedule survives whatever a check meets, including an {@link Error} from the loader
 * ({@link LinkageError}, {@link AssertionError}, {@link StackOverflowError} from a deeply nested
 * file): a scheduled task that throws is never run again, which would silently freeze the value.
 * The one exception is any other {@link VirtualMachineError} (such as {@link OutOfMemoryError}):
 * the JVM, not the file, is failing, so the check stops watching as {@link #close()} does, logs so,
 * and rethrows it; the value in force stays. After {@link #close()} a check does nothing and logs
 * nothing.
 *
 * @param <T> the loaded value
 */
public final class ReloadingFile<T> implements AutoCloseable {

  /** Turns a file's content into the value. */
  @FunctionalInterface
  public interface Loader<T> {
    /** The value of {@code content}; any exception means the version is not usable. */
    T load(byte[] content) throws Exception;
  }

  private static final Logger LOG = LoggerFactory.getLogger(ReloadingFile.class);

  private final Path file;
  private final Loader<T> loader;
  private final AtomicReference<T> current;
  private final ScheduledExecutorService executor;
  private byte @Nullable [] lastSeen;
  private @Nullable Path lastRealPath;

  /** The failure last logged, so the same one is not logged every interval; null when none. */
  private @Nullable String reported;

  /** Whether {@link #reported} is a failure to read the file (rather than to load a version). */
  private boolean unreadable;

  private volatile boolean closed;

  private ReloadingFile(
      Path file, Duration interval, Loader<T> loader, T first, byte[] hash, Path real) {
    this.file = file;
    this.loader = loader;
    this.current = new AtomicReference<>(first);
    this.lastSeen = hash;
    this.lastRealPath = real;
    this.executor =
        Executors.newSingleThreadScheduledExecutor(
            runnable -> {
              Thread thread = new Thread(runnable, "meshguard-file-watcher");
              thread.setDaemon(true);
              return thread;
            });
    long millis = Math.max(1, interval.toMillis());
    executor.scheduleWithFixedDelay(this::check, millis, millis, TimeUnit.MILLISECONDS);
  }

  /**
   * Loads {@code file} and watches it.
   *
   * @throws IOException when the file cannot be read
   * @throws RuntimeException the loader's own unchecked exception for the first version; a checked
   *     one is wrapped in an {@link IllegalArgumentException}
   */
  public static <T> ReloadingFile<T> watch(Path file, Duration interval, Loader<T> loader)
      throws IOException {
    Objects.requireNonNull(file, "file");
    Objects.requireNonNull(loader, "loader");
    Path real = file.toRealPath();
    byte[] content = Files.readAllBytes(real);
    T first;
    try {
      first = loader.load(content);
    } catch (RuntimeException | IOException e) {
      throw e;
    } catch (Exception e) {
      throw new IllegalArgumentException("Cannot load " + file + ": " + e.getMessage(), e);
    }
    return new ReloadingFile<>(file, interval, loader, first, sha256(content), real);
  }

  /** The value in force now. */
  public T get() {
    return current.get();
  }

  /**
   * Checks for a new version now (the schedule does this on its own).
   *
   * @throws VirtualMachineError other than {@link StackOverflowError}, after watching has stopped
   *     and that has been logged
   */
  public synchronized void check() {
    if (closed) {
      return;
    }
    boolean loading = false;
    byte @Nullable [] hash = null;
    try {
      Path real = file.toRealPath();
      byte[] content = Files.readAllBytes(real);
      hash = sha256(content);
      if (Arrays.equals(hash, lastSeen) && real.equals(lastRealPath)) {
        if (reported != null && unreadable) {
          reported = null;
          LOG.info("meshguard can read {} again; the version in force is unchanged", file);
        }
        return;
      }
      lastSeen = hash;
      lastRealPath = real;
      loading = true;
      current.set(loader.load(content));
      reported = null;
      LOG.info("meshguard loaded a new version of {}", file);
    } catch (Throwable failure) {
      if (failure instanceof InterruptedException) {
        Thread.currentThread().interrupt();
      }
      if (closed) {
        return; // close() interrupts a check in progress: nothing to report
      }
      if (failure instanceof VirtualMachineError && !(failure instanceof StackOverflowError)) {
        closed = true;
        executor.shutdown();
        LOG.error(
            "meshguard stops watching {} after {}; the version in force stays until the"
                + " application restarts",
            file,
            failure.toString(),
            failure);
        throw (VirtualMachineError) failure;
      }
      report(failure, loading ? hash : null);
    }
  }

  /** Logs {@code failure} unless it is the one last logged; {@code version} is null for a read. */
  private void report(Throwable failure, byte @Nullable [] version) {
    String cause =
        (version == null ? "read " : "load " + HexFormat.of().formatHex(version) + " ") + failure;
    if (cause.equals(reported)) {
      return;
    }
    reported = cause;
    unreadable = version == null;
    if (unreadable) {
      // Missing, a directory, no permission: the message says it all, a stack trace adds nothing.
      LOG.error(
          "meshguard cannot read {} ({}); the version in force stays", file, failure.toString());
    } else {
      LOG.error("meshguard could not load {}; the previous version stays in force", file, failure);
    }
  }

  /** Stops watching; the last value stays available. */
  @Override
  public void close() {
    closed = true;
    executor.shutdownNow();
  }

  private static byte[] sha256(byte[] content) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(content);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is always available", e);
    }
  }
}
