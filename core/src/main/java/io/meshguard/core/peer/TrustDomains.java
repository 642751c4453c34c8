package io.meshguard.core.peer;

import io.spiffe.spiffeid.SpiffeId;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.Objects;
import java.util.Set;

/** Validated sets of accepted trust domain names, shared by the peer resolvers. */
final class TrustDomains {

  private TrustDomains() {}

  static Set<String> validated(Collection<String> names) {
    Set<String> valid = new LinkedHashSet<>();
    for (String name : names) {
      Objects.requireNonNull(name, "trust domain");
      if (SpiffeIds.problem(SpiffeIds.SCHEME_PREFIX + name) != null || name.indexOf('/') >= 0) {
        throw new IllegalArgumentException(
            "Not a trust domain name (lower-case letters, digits, '.', '-', '_'): " + name);
      }
      valid.add(name);
    }
    return valid;
  }

  /** Checks a resolved ID and wraps it, or says why it is not a peer. */
  static PeerResult peer(SpiffeId id, Set<String> trustDomains, PeerIdentity.Source source) {
    if (!SpiffeIds.isWorkloadId(id)) {
      return PeerResult.Absent.of(PeerAbsence.NOT_A_WORKLOAD);
    }
    if (!trustDomains.contains(id.getTrustDomain().getName())) {
      return PeerResult.Absent.of(PeerAbsence.UNTRUSTED_DOMAIN);
    }
    return new PeerResult.Present(new PeerIdentity(id, source));
  }
}
