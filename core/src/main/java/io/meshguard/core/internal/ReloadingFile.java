package io.meshguard.core.internal;

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
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A value loaded from a file and reloaded when the file changes. Kubernetes updates a mounted
 * ConfigMap or Secret by swapping a {@code ..data} symlink rather than writing the file, so this
 * does not rely on file events: at a fixed interval it compares the file's resolved real path and a
 * SHA-256 of its content with the last version seen. A new version replaces the old one atomically;
 * one that fails to load keeps the previous value, is logged as an error, and is tried again on the
 * next change. The first load must succeed.
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

  /** Checks for a new version now (the schedule does this on its own). */
  public synchronized void check() {
    try {
      Path real = file.toRealPath();
      byte[] content = Files.readAllBytes(real);
      byte[] hash = sha256(content);
      if (Arrays.equals(hash, lastSeen) && real.equals(lastRealPath)) {
        return;
      }
      lastSeen = hash;
      lastRealPath = real;
      current.set(loader.load(content));
      LOG.info("meshguard loaded a new version of {}", file);
    } catch (Exception e) {
      LOG.error("meshguard could not load {}; the previous version stays in force", file, e);
    }
  }

  /** Stops watching; the last value stays available. */
  @Override
  public void close() {
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
