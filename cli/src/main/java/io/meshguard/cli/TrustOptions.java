package io.meshguard.cli;

import io.meshguard.core.config.MeshguardSpec;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Option;

/** What the application trusts: meshguard's keys of the same names. */
final class TrustOptions {

  @Option(
      names = {"--issuers", "--issuer"},
      split = ",",
      paramLabel = "ISSUER",
      description = "Accepted token issuers (issuers).")
  List<String> issuers = new ArrayList<>();

  @Option(
      names = {"--audiences", "--audience"},
      split = ",",
      paramLabel = "AUDIENCE",
      description = "Accepted audiences, for every issuer (audiences).")
  List<String> audiences = new ArrayList<>();

  @Option(
      names = {"--issuer-rules", "--issuer-rule"},
      paramLabel = "ISSUER=AUD[,AUD...]",
      description =
          "An issuer with its own audiences, * for any; repeated for several (issuer-rules)."
              + " Instead of --issuers/--audiences.")
  List<String> issuerRules = new ArrayList<>();

  @Option(
      names = "--payload-header",
      paramLabel = "NAME",
      defaultValue = MeshguardSpec.DEFAULT_PAYLOAD_HEADER,
      description =
          "The header the JWT payload is read from (payload-header; default: ${DEFAULT-VALUE}).")
  String payloadHeader = MeshguardSpec.DEFAULT_PAYLOAD_HEADER;

  @Option(
      names = "--peer-source",
      paramLabel = "xfcc|none",
      defaultValue = MeshguardSpec.DEFAULT_PEER_SOURCE,
      description =
          "Where the calling workload comes from: the XFCC header the sidecar appends, or nowhere"
              + " (peer-source; default: ${DEFAULT-VALUE}).")
  String peerSource = MeshguardSpec.DEFAULT_PEER_SOURCE;

  @Option(
      names = {"--trust-domains", "--trust-domain"},
      split = ",",
      paramLabel = "DOMAIN",
      description = "Accepted peer trust domains (trust-domains; default: the workload's).")
  List<String> trustDomains = new ArrayList<>();
}
