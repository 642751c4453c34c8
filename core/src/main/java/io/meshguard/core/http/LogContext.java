package io.meshguard.core.http;

import io.meshguard.core.MeshIdentity;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What every adapter puts into its logging context (SLF4J or JBoss Logging MDC) while the
 * application handles an allowed request, under the same keys everywhere: the peer's SPIFFE ID (a
 * workload's name) always, the caller's subject only with {@code log-identity} on (a subject is
 * often personal data). Adapters remove {@link #KEYS} when the request ends.
 *
 * @since 0.1.0
 */
public final class LogContext {

  /** The MDC key of the caller's {@code sub}, with {@code log-identity} on: {@value}. */
  public static final String SUBJECT = "meshguard.subject";

  /** The MDC key of the peer's SPIFFE ID: {@value}. */
  public static final String PEER = "meshguard.peer";

  /** Every key an adapter may set, to remove afterwards. */
  public static final List<String> KEYS = List.of(SUBJECT, PEER);

  private LogContext() {}

  /**
   * The entries for {@code identity}.
   *
   * @param identity the caller
   * @param logIdentity whether the subject may be logged ({@link
   *     io.meshguard.core.Meshguard#logIdentity()})
   * @return the keys and values to put, possibly empty
   */
  public static Map<String, String> of(MeshIdentity identity, boolean logIdentity) {
    Map<String, String> entries = new LinkedHashMap<>(4);
    identity.peer().ifPresent(peer -> entries.put(PEER, peer.toString()));
    if (logIdentity) {
      identity.subject().ifPresent(subject -> entries.put(SUBJECT, subject));
    }
    return entries;
  }
}
