package io.meshguard.core.peer;

/**
 * Why a request has no authenticated peer. A missing peer matters only where a peer is required;
 * elsewhere the request simply has none.
 *
 * @since 0.1.0
 */
public enum PeerAbsence {
  /** No peer source is configured. */
  NOT_CONFIGURED("no peer source is configured"),
  /** The request has no XFCC header. */
  NO_HEADER("no XFCC header"),
  /** The XFCC header does not follow Envoy's grammar. */
  MALFORMED_HEADER("the XFCC header is malformed"),
  /** The last XFCC element has no {@code URI}. */
  NO_URI("the last XFCC element has no URI"),
  /** The last XFCC element has more than one {@code URI}. */
  MULTIPLE_URIS("the last XFCC element has more than one URI"),
  /** The last XFCC element's {@code URI} is empty. */
  EMPTY_URI("the last XFCC element's URI is empty"),
  /** The last XFCC element's {@code By} is not this workload's SPIFFE ID. */
  UNEXPECTED_BY("the last XFCC element was not added for this workload"),
  /** The connection presented no client certificate. */
  NO_CERTIFICATE("no client certificate"),
  /** The client certificate does not have exactly one URI SAN. */
  NOT_ONE_URI_SAN("the client certificate does not have exactly one URI SAN"),
  /** The client certificate chain does not verify against the trust bundle. */
  CERTIFICATE_NOT_TRUSTED("the client certificate does not verify against the trust bundle"),
  /** The URI is not a strict SPIFFE ID. */
  INVALID_SPIFFE_ID("the peer URI is not a strict SPIFFE ID"),
  /** The SPIFFE ID has no path, so it names no workload. */
  NOT_A_WORKLOAD("the peer SPIFFE ID has no workload path"),
  /** The SPIFFE ID's trust domain is not accepted. */
  UNTRUSTED_DOMAIN("the peer's trust domain is not accepted");

  private final String description;

  PeerAbsence(String description) {
    this.description = description;
  }

  /** Fixed English text, never built from input. */
  public String description() {
    return description;
  }
}
