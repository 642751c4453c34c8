package io.meshguard.core.mesh;

import java.util.Objects;

/**
 * One result of the {@link AlignmentCheck}: what is wrong, where, and how to fix it.
 *
 * @param severity {@link Severity#ERROR} when identity headers can be forged or valid callers are
 *     refused; {@link Severity#WARNING} when the mesh and the application merely disagree
 * @param kind what kind of finding it is (stable, for tests, CI and JSON output)
 * @param document the manifest it is about ({@code file#n Kind namespace/name}), or {@code
 *     "(none)"} when the finding is that a document is missing
 * @param line the line (1-based) in that file, 0 when there is no document
 * @param message what is wrong; it names settings and manifest values, never request content
 * @param fix how to put it right
 * @since 0.1.0
 */
public record Finding(
    Severity severity, Kind kind, String document, int line, String message, String fix) {

  /** Checks the parts. */
  public Finding {
    Objects.requireNonNull(severity, "severity");
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(document, "document");
    Objects.requireNonNull(message, "message");
    Objects.requireNonNull(fix, "fix");
  }

  /**
   * One line for logs and terminals: {@code SEVERITY document:line: message. Fix: fix} (the line
   * left out when there is no document).
   */
  public String format() {
    return severity
        + " "
        + document
        + (line > 0 ? ":" + line : "")
        + ": "
        + message
        + ". Fix: "
        + fix;
  }

  /** How bad a finding is. */
  public enum Severity {
    /** The headers can be forged, or valid callers are refused. */
    ERROR,
    /** A disagreement that weakens the precondition or makes a rule useless. */
    WARNING
  }

  /** The kinds of finding. */
  public enum Kind {
    /** No RequestAuthentication selects the workload: nothing strips a client's payload header. */
    NO_REQUEST_AUTHENTICATION,
    /** A selecting {@code jwtRule} has no {@code outputPayloadToHeader}. */
    PAYLOAD_HEADER_UNSET,
    /**
     * A selecting {@code jwtRule} forwards the payload in another header than the application's.
     */
    PAYLOAD_HEADER_MISMATCH,
    /** The selecting {@code jwtRules} forward the payload in different headers. */
    PAYLOAD_HEADERS_DIFFER,
    /** An {@code outputClaimToHeaders} header is one the application reads as identity. */
    CLAIM_HEADER_COLLISION,
    /** The application accepts an issuer no selecting {@code jwtRule} validates. */
    ISSUER_NOT_VALIDATED,
    /** The application's and the mesh's audiences for an issuer share no value. */
    AUDIENCES_DISJOINT,
    /** The mesh validates an issuer the application rejects. */
    ISSUER_REJECTED_BY_APPLICATION,
    /** {@code fromHeaders}/{@code fromParams}/{@code fromCookies} move where the token is read. */
    TOKEN_LOCATION,
    /** An AuthorizationPolicy names an issuer no {@code jwtRule} validates. */
    UNMATCHABLE_ISSUER_IN_POLICY,
    /** The PeerAuthentication in effect on the port is not STRICT. */
    PEER_AUTHENTICATION_NOT_STRICT,
    /** The sidecar is not injected into the workload. */
    INJECTION_DISABLED,
    /** The application port is not redirected to the sidecar. */
    PORT_NOT_INTERCEPTED,
    /** Inbound interception is switched off ({@code interceptionMode: NONE}). */
    INTERCEPTION_DISABLED,
    /** {@code proxyHeaders.forwardedClientCert} lets the caller write the XFCC header. */
    XFCC_NOT_APPENDED,
    /** {@code proxyHeaders.setCurrentClientCertDetails.uri: false}: XFCC carries no SPIFFE ID. */
    XFCC_WITHOUT_URI,
    /** The workload runs in ambient mode: no sidecar appends XFCC nor applies the JWT filter. */
    AMBIENT_MODE,
    /** A manifest the check needs cannot be read as Istio would read it. */
    UNREADABLE
  }
}
