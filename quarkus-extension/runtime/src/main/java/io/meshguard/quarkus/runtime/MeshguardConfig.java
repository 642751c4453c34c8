package io.meshguard.quarkus.runtime;

import io.quarkus.runtime.annotations.ConfigPhase;
import io.quarkus.runtime.annotations.ConfigRoot;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * meshguard's run-time settings ({@code quarkus.meshguard.*}). The leaf names are those of the
 * Spring starter's {@code meshguard.*} properties and of {@code
 * io.meshguard.core.config.MeshguardSettings}, which checks every value: an invalid one stops the
 * application at start-up with a message naming the key.
 *
 * @since 0.1.0
 */
@ConfigMapping(prefix = "quarkus.meshguard")
@ConfigRoot(phase = ConfigPhase.RUN_TIME)
public interface MeshguardConfig {

  /**
   * Accepted {@code iss} values, compared exactly. At least one is required while meshguard is
   * enabled.
   */
  Optional<List<String>> issuers();

  /**
   * Accepted audiences; any one must be in {@code aud}, compared as Envoy does. When unset, any
   * {@code aud} is accepted.
   */
  Optional<List<String>> audiences();

  /** Whether {@code exp} is required. */
  @WithDefault("true")
  boolean requireExpiration();

  /** Tolerance for {@code exp}, {@code nbf} and {@code iat}. */
  @WithDefault("60s")
  Duration clockSkew();

  /** The header carrying the forwarded JWT payload (Istio {@code outputPayloadToHeader}). */
  @WithDefault("x-jwt-payload")
  String payloadHeader();

  /** Also accept a payload sent as raw JSON (no Envoy or Istio version sends that). */
  @WithDefault("false")
  boolean acceptRawJson();

  /** Also accept a payload sent as percent-encoded JSON (no Envoy or Istio version sends that). */
  @WithDefault("false")
  boolean acceptPercentEncodedJson();

  /** The longest payload header value accepted, in characters. */
  @WithDefault("8192")
  int maxHeaderLength();

  /** The deepest JSON nesting accepted (the top-level object is depth 1). */
  @WithDefault("32")
  int maxDepth();

  /** The longest JSON number accepted, in characters. */
  @WithDefault("1000")
  int maxNumberLength();

  /** The longest JSON string accepted, in characters. */
  @WithDefault("8192")
  int maxStringLength();

  /**
   * Where the calling workload's identity comes from: {@code xfcc} (Envoy's {@code
   * x-forwarded-client-cert}), {@code client-certificate} (mTLS terminated by the application) or
   * {@code none}.
   */
  @WithDefault("xfcc")
  String peerSource();

  /** Accepted peer trust domains; required unless {@code peer-source} is {@code none}. */
  Optional<List<String>> trustDomains();

  /** The XFCC header name. */
  @WithDefault("x-forwarded-client-cert")
  String xfccHeader();

  /** This workload's SPIFFE ID, required as the {@code By} of the trusted XFCC element. */
  Optional<String> expectedBy();

  /**
   * A PEM file of CA certificates that verifies client certificates ({@code client-certificate}
   * peer source, exactly one trust domain); reloaded when it changes.
   */
  Optional<String> trustBundle();

  /**
   * What happens to a request no Quarkus REST resource method serves: {@code authenticated} (any
   * valid identity passes and Quarkus answers), {@code not-found} (404, or 405 when another method
   * serves the path, as problem+json) or {@code deny} (403).
   */
  @WithDefault("authenticated")
  String unmatched();

  /**
   * A YAML file of Istio AuthorizationPolicy documents evaluated for every non-public request;
   * reloaded when it changes. An empty value means none.
   */
  Optional<String> policyFile();

  /** The workload this application runs as, for the policy file. */
  Workload workload();

  /** The workload a policy file's selectors and namespaces are matched against. */
  interface Workload {

    /** This workload's namespace; required with a policy file. */
    Optional<String> namespace();

    /** This workload's labels, such as {@code app=orders}. */
    Map<String, String> labels();

    /** The mesh's root namespace. */
    @WithDefault("istio-system")
    String rootNamespace();

    /** The mesh's trust domain, which {@code cluster.local} in a policy principal means. */
    @WithDefault("cluster.local")
    String trustDomain();

    /** Other names of the trust domain. */
    Optional<List<String>> trustDomainAliases();
  }
}
