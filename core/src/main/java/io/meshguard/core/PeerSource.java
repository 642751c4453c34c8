package io.meshguard.core;

import io.meshguard.core.internal.DirectMappedCache;
import io.meshguard.core.peer.CertificatePeerResolver;
import io.meshguard.core.peer.PeerAbsence;
import io.meshguard.core.peer.PeerResult;
import io.meshguard.core.peer.XfccPeerResolver;
import io.meshguard.core.request.MeshRequest;
import java.util.List;
import org.jspecify.annotations.Nullable;

/** Where the calling workload comes from: XFCC (with its header and cache), a certificate, none. */
interface PeerSource {

  PeerResult resolve(MeshRequest request);

  /** The source for a builder's settings; {@code xfcc} and {@code certificates} are exclusive. */
  static PeerSource of(
      @Nullable XfccPeerResolver xfcc,
      String header,
      @Nullable CertificatePeerResolver certificates,
      int cacheSize) {
    if (xfcc != null) {
      return new Xfcc(xfcc, header, new DirectMappedCache<>(cacheSize));
    }
    if (certificates != null) {
      return request -> certificates.resolve(request.clientCertificates());
    }
    PeerResult none = PeerResult.Absent.of(PeerAbsence.NOT_CONFIGURED);
    return request -> none;
  }

  /** The XFCC header the local sidecar appends to; one-line values are cached. */
  final class Xfcc implements PeerSource {
    private final XfccPeerResolver resolver;
    private final String header;
    private final DirectMappedCache<PeerResult> cache;

    Xfcc(XfccPeerResolver resolver, String header, DirectMappedCache<PeerResult> cache) {
      this.resolver = resolver;
      this.header = header;
      this.cache = cache;
    }

    @Override
    public PeerResult resolve(MeshRequest request) {
      List<String> lines = request.headers(header);
      if (lines.size() != 1) {
        return resolver.resolve(lines);
      }
      String line = lines.get(0);
      PeerResult peer = cache.get(line);
      if (peer == null) {
        peer = resolver.resolve(lines);
        cache.put(line, peer);
      }
      return peer;
    }
  }
}
