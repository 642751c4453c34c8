package io.meshguard.core.peer;

import java.util.Objects;

/**
 * The outcome of looking for the calling workload: a peer, or why there is none.
 *
 * @since 0.1.0
 */
public sealed interface PeerResult {

  /**
   * An authenticated peer.
   *
   * @param peer the peer
   */
  record Present(PeerIdentity peer) implements PeerResult {
    /** Checks the peer is present. */
    public Present {
      Objects.requireNonNull(peer, "peer");
    }
  }

  /**
   * No authenticated peer.
   *
   * @param reason why
   */
  record Absent(PeerAbsence reason) implements PeerResult {
    private static final Absent[] BY_REASON = new Absent[PeerAbsence.values().length];

    static {
      for (PeerAbsence reason : PeerAbsence.values()) {
        BY_REASON[reason.ordinal()] = new Absent(reason);
      }
    }

    /** Checks the reason is present. */
    public Absent {
      Objects.requireNonNull(reason, "reason");
    }

    /** The shared instance for {@code reason}. */
    public static Absent of(PeerAbsence reason) {
      return BY_REASON[reason.ordinal()];
    }
  }
}
