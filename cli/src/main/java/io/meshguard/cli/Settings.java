package io.meshguard.cli;

import io.meshguard.core.policy.Workload;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * What {@code explain} and {@code test} build a guard from, whether it came from options or from a
 * test table: the workload, its manifests and the application's trust, named as meshguard's
 * configuration keys name them.
 *
 * @param workload the workload the manifests' documents are selected for
 * @param manifests files or directories of mesh YAML
 * @param port {@code workload.port}: the port requests arrive on, 0 when unknown
 * @param issuers {@code issuers}; with {@code audiences} and {@code issuerRules} all empty, the
 *     issuers and audiences of the RequestAuthentications selecting the workload
 * @param audiences {@code audiences}
 * @param issuerRules {@code issuer-rules}, each as {@code ISSUER=AUD[,AUD...]} ({@code *}: any)
 * @param payloadHeader {@code payload-header}
 * @param peerSource {@code peer-source}: {@code xfcc} or {@code none}
 * @param trustDomains {@code trust-domains}; empty: the workload's trust domain
 * @param routes {@code routes[N]}, in order; empty: every request needs only a valid identity
 * @param unmatched {@code unmatched}, or {@code null} for meshguard's default
 * @param clock the clock of the {@code exp}, {@code nbf} and {@code iat} checks
 */
record Settings(
    Workload workload,
    List<Path> manifests,
    int port,
    List<String> issuers,
    List<String> audiences,
    List<String> issuerRules,
    String payloadHeader,
    String peerSource,
    List<String> trustDomains,
    List<String> routes,
    @Nullable String unmatched,
    Clock clock) {

  Settings {
    manifests = List.copyOf(manifests);
    issuers = List.copyOf(issuers);
    audiences = List.copyOf(audiences);
    issuerRules = List.copyOf(issuerRules);
    trustDomains = List.copyOf(trustDomains);
    routes = List.copyOf(routes);
  }
}
