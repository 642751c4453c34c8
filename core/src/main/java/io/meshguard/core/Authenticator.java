package io.meshguard.core;

import io.meshguard.core.Explanation.Outcome;
import io.meshguard.core.Explanation.Step;
import io.meshguard.core.Explanation.Trail;
import io.meshguard.core.claims.Claims;
import io.meshguard.core.claims.ClaimsValidator;
import io.meshguard.core.claims.ClaimsViolation;
import io.meshguard.core.internal.DirectMappedCache;
import io.meshguard.core.payload.PayloadDecoder;
import io.meshguard.core.payload.PayloadResult;
import io.meshguard.core.peer.PeerResult;
import io.meshguard.core.request.MeshRequest;
import java.util.List;
import java.util.Optional;

/**
 * Step 2 of the pipeline: the caller's identity from the payload header (one line, decoded, cached
 * by value, validated on every request) and the peer source (whose absence is not yet an error).
 */
final class Authenticator {

  private static final Step REPEATED_STEP =
      new Step("payload", Outcome.FAILED, "the header is repeated");
  private static final Step DECODED_STEP = new Step("payload", Outcome.PASSED, null);
  private static final Step CLAIMS_STEP = new Step("claims", Outcome.PASSED, null);

  final String header;
  final PayloadDecoder decoder;
  final ClaimsValidator validator;
  final PeerSource peers;
  final IdentityMapping mapping;
  private final DirectMappedCache<Claims> cache;
  private final Step missingStep;

  Authenticator(
      String header,
      PayloadDecoder decoder,
      ClaimsValidator validator,
      PeerSource peers,
      IdentityMapping mapping,
      int cacheSize) {
    this.header = header;
    this.decoder = decoder;
    this.validator = validator;
    this.peers = peers;
    this.mapping = mapping;
    this.cache = new DirectMappedCache<>(cacheSize);
    this.missingStep = new Step("payload", Outcome.FAILED, "no " + header + " header");
  }

  int cacheSize() {
    return cache.capacity();
  }

  /** The identity, or the denial that explains why there is none. */
  Decision authenticate(MeshRequest request, Trail steps) {
    List<String> values = request.headers(header);
    if (values.isEmpty()) {
      steps.add(missingStep);
      return Decision.Denied.of(ErrorCode.MISSING_CREDENTIALS, steps.explanation());
    }
    if (values.size() > 1) {
      steps.add(REPEATED_STEP);
      return Decision.Denied.of(ErrorCode.INVALID_REQUEST, steps.explanation());
    }
    // A cached value is the decoder's own immutable result for exactly this header value, so a hit
    // is as strict as a miss; the time-dependent checks below run on every request either way.
    String value = values.get(0);
    Claims claims = cache.get(value);
    if (claims == null) {
      PayloadResult payload = decoder.decode(value);
      if (payload instanceof PayloadResult.Malformed) {
        steps.add(new Step("payload", Outcome.FAILED, payload.toString()));
        return Decision.Denied.of(ErrorCode.INVALID_REQUEST, steps.explanation());
      }
      claims = ((PayloadResult.Decoded) payload).claims();
      cache.put(value, claims);
    }
    steps.add(DECODED_STEP);
    Optional<ClaimsViolation> violation = validator.validate(claims);
    if (violation.isPresent()) {
      steps.add(new Step("claims", Outcome.FAILED, violation.get().description()));
      return Decision.Denied.of(violation.get(), steps.explanation());
    }
    steps.add(CLAIMS_STEP);
    PeerResult peer = peers.resolve(request);
    steps.add(
        peer instanceof PeerResult.Present
            ? new Step("peer", Outcome.NOTED, ((PeerResult.Present) peer).peer().toString())
            : new Step("peer", Outcome.NOTED, ((PeerResult.Absent) peer).reason().description()));
    return new Decision.Allowed(mapping.identity(claims, peer), steps.explanation());
  }
}
