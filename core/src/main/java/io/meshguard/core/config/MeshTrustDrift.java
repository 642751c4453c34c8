package io.meshguard.core.config;

import io.meshguard.core.mesh.MeshManifests;
import io.meshguard.core.mesh.MeshTrust;
import io.meshguard.core.policy.Workload;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Watches the mesh manifests {@code trust-from-mesh} read at start-up and logs, on {@code
 * io.meshguard.alignment}, when the trust they give the workload no longer is the one in force. It
 * never applies the change: a new issuer or header in Git is not yet the sidecar's, so the trust
 * read at start-up stays until the application restarts (when the alignment check runs again).
 *
 * <p>Each interval it hashes the files' content (a directory's {@code .yaml}/{@code .yml} files, as
 * {@link MeshManifests#read(List)} reads them) and reads them again only when the hash changed.
 * Each state is logged once: a WARN for a different trust or one that cannot be read, an INFO when
 * the files give the trust in force again. Thread-safe.
 */
final class MeshTrustDrift implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger("io.meshguard.alignment");

  private final List<Path> paths;
  private final Workload workload;
  private final MeshTrust applied;
  private final ScheduledExecutorService executor;
  private byte @Nullable [] lastSeen;
  private @Nullable String reported;
  private volatile boolean closed;

  private MeshTrustDrift(List<Path> paths, Workload workload, MeshTrust applied, byte[] hash) {
    this.paths = List.copyOf(paths);
    this.workload = Objects.requireNonNull(workload, "workload");
    this.applied = Objects.requireNonNull(applied, "applied");
    this.lastSeen = hash;
    this.executor =
        Executors.newSingleThreadScheduledExecutor(
            runnable -> {
              Thread thread = new Thread(runnable, "meshguard-mesh-trust-watcher");
              thread.setDaemon(true);
              return thread;
            });
  }

  /**
   * Starts watching {@code paths}, whose trust now is {@code applied}.
   *
   * @param interval how often to look; zero or negative: never on its own (tests call {@link
   *     #check()})
   */
  static MeshTrustDrift watch(
      List<Path> paths, Workload workload, MeshTrust applied, Duration interval) {
    byte[] hash;
    try {
      hash = hash(paths);
    } catch (IOException e) {
      hash = new byte[0]; // read at start-up a moment ago: the first check will tell
    }
    MeshTrustDrift drift = new MeshTrustDrift(paths, workload, applied, hash);
    if (!interval.isNegative() && !interval.isZero()) {
      long millis = Math.max(1, interval.toMillis());
      drift.executor.scheduleWithFixedDelay(drift::check, millis, millis, TimeUnit.MILLISECONDS);
    }
    return drift;
  }

  /** Looks now (the schedule does this on its own); never throws. */
  synchronized void check() {
    if (closed) {
      return;
    }
    String state;
    boolean drifted;
    try {
      byte[] hash = hash(paths);
      if (Arrays.equals(hash, lastSeen)) {
        return;
      }
      lastSeen = hash;
      MeshTrust now = MeshTrust.of(MeshManifests.read(paths), workload);
      drifted = !now.equals(applied);
      state =
          drifted
              ? "the mesh manifests "
                  + paths
                  + " now give "
                  + now.describe()
                  + "; meshguard keeps "
                  + applied.describe()
                  + ", read at start-up, until the application restarts (trust-from-mesh)"
              : "the mesh manifests "
                  + paths
                  + " give the trust in force again: "
                  + applied.describe();
    } catch (IOException | RuntimeException e) {
      lastSeen = null; // read again next time
      drifted = true;
      state =
          "cannot read the trust from the mesh manifests "
              + paths
              + " ("
              + e.getMessage()
              + "); meshguard keeps "
              + applied.describe()
              + ", read at start-up";
    }
    if (state.equals(reported) || (!drifted && reported == null)) {
      return;
    }
    reported = drifted ? state : null;
    if (drifted) {
      LOG.warn("meshguard mesh trust: {}", state);
    } else {
      LOG.info("meshguard mesh trust: {}", state);
    }
  }

  /** Stops watching. */
  @Override
  public void close() {
    closed = true;
    executor.shutdownNow();
  }

  /** A SHA-256 over every file's path and content, in the order {@link MeshManifests} reads. */
  private static byte[] hash(List<Path> paths) throws IOException {
    MessageDigest digest;
    try {
      digest = MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is always available", e);
    }
    for (Path file : MeshManifests.files(paths)) {
      digest.update(file.toString().getBytes(StandardCharsets.UTF_8));
      digest.update((byte) 0);
      digest.update(Files.readAllBytes(file));
      digest.update((byte) 0);
    }
    return digest.digest();
  }
}
