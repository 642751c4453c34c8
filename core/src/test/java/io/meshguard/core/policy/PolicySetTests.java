package io.meshguard.core.policy;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.meshguard.core.MeshIdentity;
import io.meshguard.core.claims.Claims;
import io.meshguard.core.peer.PeerAbsence;
import io.meshguard.core.peer.PeerIdentity;
import io.meshguard.core.peer.PeerResult;
import io.meshguard.core.peer.SpiffeIds;
import io.meshguard.core.request.MeshRequest;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;
import org.slf4j.LoggerFactory;

/**
 * Istio's AuthorizationPolicy semantics, case by case. Each case names its source: WIRE-FORMATS.md
 * section D (istio/api authorization_policy.proto, istio/istio generator.go and model.go, the
 * authz-jwt task, security bulletin ISTIO-SECURITY-2021-004) or the Istio reference docs.
 */
class PolicySetTests {

  static final Workload ORDERS = Workload.of("api-system", Map.of("app", "orders"));
  static final String SLEEP = "spiffe://cluster.local/ns/default/sa/sleep";

  /** A request as a policy sees it. */
  static final class Req {
    String method = "GET";
    String path = "/";
    int port = 8080;
    final Map<String, Object> claims =
        new LinkedHashMap<>(Map.of("iss", "https://auth.example.com", "sub", "alice"));
    final MeshRequest.Builder request = MeshRequest.builder();
    String peer;

    Req method(String method) {
      this.method = method;
      return this;
    }

    Req path(String path) {
      this.path = path;
      return this;
    }

    Req port(int port) {
      this.port = port;
      return this;
    }

    Req header(String name, String value) {
      request.header(name, value);
      return this;
    }

    Req authority(String authority) {
      request.authority(authority);
      return this;
    }

    Req peer(String id) {
      this.peer = id;
      return this;
    }

    Req claim(String name, Object value) {
      if (value == null) {
        claims.remove(name);
      } else {
        claims.put(name, value);
      }
      return this;
    }

    MeshRequest meshRequest() {
      return request.method(method).path(path).localPort(port).build();
    }

    MeshIdentity identity() {
      PeerResult result =
          peer == null
              ? PeerResult.Absent.of(PeerAbsence.NO_HEADER)
              : new PeerResult.Present(
                  new PeerIdentity(SpiffeIds.parse(peer), PeerIdentity.Source.XFCC));
      return new MeshIdentity(Claims.of(claims), result);
    }

    @Override
    public String toString() {
      return method + " " + path + " peer=" + peer + " claims=" + claims.keySet();
    }
  }

  static Req req() {
    return new Req();
  }

  /** One AuthorizationPolicy document in the workload's namespace. */
  static String policy(String name, String spec) {
    return "apiVersion: security.istio.io/v1\nkind: AuthorizationPolicy\nmetadata:\n  name: "
        + name
        + "\nspec: "
        + spec
        + "\n";
  }

  static String allow(String rules) {
    return policy("allow", "{action: ALLOW, rules: " + rules + "}");
  }

  static String deny(String rules) {
    return policy("deny", "{action: DENY, rules: " + rules + "}");
  }

  static String docs(String... documents) {
    return String.join("---\n", documents);
  }

  static boolean allowed(String yaml, Req request) {
    return PolicySet.load(yaml, ORDERS)
        .evaluate(
            request.meshRequest(),
            request.identity().claims(),
            request.identity().peer().orElse(null))
        .isAllowed();
  }

  static Stream<Arguments> cases() {
    return Stream.of(
        // D.1 / D.6: the decision procedure
        Arguments.of("D6#1 no policy allows anything", "", req(), true),
        Arguments.of("D6#2 ALLOW spec {} allows nothing", policy("nothing", "{}"), req(), false),
        Arguments.of("D2 ALLOW with empty rules allows nothing", allow("[]"), req(), false),
        Arguments.of("D6#3 ALLOW rules [{}] allows everything", allow("[{}]"), req(), true),
        Arguments.of(
            "D6#4 DENY rules [{}] beats ALLOW all",
            docs(allow("[{}]"), deny("[{}]")),
            req(),
            false),
        Arguments.of("D2 DENY without rules has no effect", deny("[]"), req(), true),
        Arguments.of(
            "D1 DENY not matching and no ALLOW: allowed",
            deny("[{to: [{operation: {methods: [DELETE]}}]}]"),
            req(),
            true),
        Arguments.of(
            "D1 any ALLOW matching suffices",
            docs(
                allow("[{to: [{operation: {paths: [/a]}}]}]"),
                policy("allow-b", "{rules: [{to: [{operation: {paths: [/b]}}]}]}")),
            req().path("/b"),
            true),
        Arguments.of(
            "D1 ALLOW exists, none matches: denied",
            allow("[{to: [{operation: {paths: [/a]}}]}]"),
            req().path("/b"),
            false),
        Arguments.of(
            "D1 AUDIT never changes the decision",
            policy("audit", "{action: AUDIT, rules: [{}]}"),
            req(),
            true),
        Arguments.of(
            "D1 AUDIT does not count as an ALLOW policy",
            docs(
                policy("audit", "{action: AUDIT, rules: [{}]}"),
                allow("[{to: [{operation: {paths: [/a]}}]}]")),
            req().path("/x"),
            false),
        Arguments.of(
            "D6 dry-run DENY is not enforced",
            policy("dry", "{action: DENY, rules: [{}]}")
                .replace("  name: dry", "  name: dry\n  annotations: {istio.io/dry-run: \"true\"}"),
            req(),
            true),
        Arguments.of(
            "D6 dry-run ALLOW does not close the workload",
            policy("dry", "{rules: [{to: [{operation: {paths: [/a]}}]}]}")
                .replace("  name: dry", "  name: dry\n  annotations: {istio.io/dry-run: \"true\"}"),
            req().path("/x"),
            true),
        Arguments.of(
            "D6 dry-run annotation false is enforced",
            policy("dry", "{action: DENY, rules: [{}]}")
                .replace(
                    "  name: dry", "  name: dry\n  annotations: {istio.io/dry-run: \"false\"}"),
            req(),
            false),
        Arguments.of(
            "builder.go isDryRun: strconv.ParseBool reads 1 as true",
            policy("dry", "{action: DENY, rules: [{}]}")
                .replace("  name: dry", "  name: dry\n  annotations: {istio.io/dry-run: \"1\"}"),
            req(),
            true),
        Arguments.of(
            "builder.go isDryRun: strconv.ParseBool reads T as true",
            policy("dry", "{action: DENY, rules: [{}]}")
                .replace("  name: dry", "  name: dry\n  annotations: {istio.io/dry-run: T}"),
            req(),
            true),
        Arguments.of(
            "builder.go isDryRun: strconv.ParseBool reads False as false",
            policy("dry", "{action: DENY, rules: [{}]}")
                .replace(
                    "  name: dry", "  name: dry\n  annotations: {istio.io/dry-run: \"False\"}"),
            req(),
            false),
        Arguments.of(
            "authorization_policy.proto (proto3): an empty notPaths is unset",
            allow("[{to: [{operation: {paths: [/a], notPaths: []}}]}]"),
            req().path("/a"),
            true),
        Arguments.of(
            "authorization_policy.proto (proto3): an empty ipBlocks is unset",
            allow("[{from: [{source: {principals: ['*'], ipBlocks: []}}]}]"),
            req().peer(SLEEP),
            true),
        Arguments.of(
            "authorization_policy.proto (proto3): an empty notValues is unset",
            allow("[{when: [{key: 'request.headers[x-tenant]', values: [acme], notValues: []}]}]"),
            req().header("x-tenant", "acme"),
            true),
        // D.3 from.source: principals (spiffe:// implied), namespaces
        Arguments.of(
            "D6#13 principal and GET /info* match",
            allow(
                "[{from: [{source: {principals: [cluster.local/ns/default/sa/sleep]}}], to: [{operation: {methods: [GET], paths: [/info*]}}]}]"),
            req().peer(SLEEP).path("/info/x"),
            true),
        Arguments.of(
            "D6#13 another method does not",
            allow(
                "[{from: [{source: {principals: [cluster.local/ns/default/sa/sleep]}}], to: [{operation: {methods: [GET], paths: [/info*]}}]}]"),
            req().peer(SLEEP).method("POST").path("/info/x"),
            false),
        Arguments.of(
            "D6#13 another principal does not",
            allow("[{from: [{source: {principals: [cluster.local/ns/default/sa/sleep]}}]}]"),
            req().peer("spiffe://cluster.local/ns/default/sa/other"),
            false),
        Arguments.of(
            "D3 principals prefix",
            allow("[{from: [{source: {principals: [cluster.local/ns/default/*]}}]}]"),
            req().peer(SLEEP),
            true),
        Arguments.of(
            "D3 principals suffix",
            allow("[{from: [{source: {principals: ['*/sa/sleep']}}]}]"),
            req().peer(SLEEP),
            true),
        Arguments.of(
            "matcher/string.go StringMatcherWithPrefix: *x is spiffe://.*x, x cannot reuse the scheme",
            allow("[{from: [{source: {principals: ['*//cluster.local/ns/default/sa/sleep']}}]}]"),
            req().peer(SLEEP),
            false),
        Arguments.of(
            "D3 principals * needs a peer",
            allow("[{from: [{source: {principals: ['*']}}]}]"),
            req(),
            false),
        Arguments.of(
            "D3 principals * accepts any peer",
            allow("[{from: [{source: {principals: ['*']}}]}]"),
            req().peer(SLEEP),
            true),
        Arguments.of(
            "D2 no peer: positive principal fails",
            allow("[{from: [{source: {principals: [cluster.local/ns/default/sa/sleep]}}]}]"),
            req(),
            false),
        Arguments.of(
            "D2 no peer: notPrincipals matches",
            allow("[{from: [{source: {notPrincipals: [cluster.local/ns/default/sa/sleep]}}]}]"),
            req(),
            true),
        Arguments.of(
            "D3 namespaces match the /ns/ segment",
            allow("[{from: [{source: {namespaces: [default]}}]}]"),
            req().peer(SLEEP),
            true),
        Arguments.of(
            "D3 namespaces do not match a longer namespace",
            allow("[{from: [{source: {namespaces: [def]}}]}]"),
            req().peer(SLEEP),
            false),
        Arguments.of(
            "D3 namespaces with * inside the value",
            allow("[{from: [{source: {namespaces: ['def*']}}]}]"),
            req().peer(SLEEP),
            true),
        Arguments.of(
            "generator.go srcNamespaceGenerator: * inside a namespace is .*",
            allow("[{from: [{source: {namespaces: ['ns.*.prod']}}]}]"),
            req().peer("spiffe://cluster.local/ns/ns.eu.prod/sa/api"),
            true),
        Arguments.of(
            "generator.go srcNamespaceGenerator: * inside a namespace, the rest literal",
            allow("[{from: [{source: {namespaces: ['ns.*.prod']}}]}]"),
            req().peer("spiffe://cluster.local/ns/ns.eu.dev/sa/api"),
            false),
        Arguments.of(
            "generator.go srcNamespaceGenerator: a dot is literal, not regex",
            allow("[{from: [{source: {namespaces: ['ns.*.prod']}}]}]"),
            req().peer("spiffe://cluster.local/ns/nsXeuXprod/sa/api"),
            false),
        Arguments.of(
            "generator.go srcNamespaceGenerator: several *",
            allow("[{from: [{source: {namespaces: ['*-web-*']}}]}]"),
            req().peer("spiffe://cluster.local/ns/eu-web-prod/sa/api"),
            true),
        Arguments.of(
            "generator.go srcNamespaceGenerator: notNamespaces with * inside",
            allow("[{from: [{source: {notNamespaces: ['ns.*.prod']}}]}]"),
            req().peer("spiffe://cluster.local/ns/ns.eu.prod/sa/api"),
            false),
        Arguments.of(
            "generator.go srcNamespaceGenerator: source.namespace with * inside",
            allow("[{when: [{key: source.namespace, values: ['ns.*.prod']}]}]"),
            req().peer("spiffe://cluster.local/ns/ns.eu.prod/sa/api"),
            true),
        // trustDomains: generator.go srcTrustDomainGenerator; builder testdata
        // trust-domains-in.yaml
        Arguments.of(
            "trust-domains-in.yaml: trustDomains is the prefix spiffe://<td>/",
            allow("[{from: [{source: {trustDomains: [cluster.local, another.local]}}]}]"),
            req().peer("spiffe://another.local/ns/default/sa/sleep"),
            true),
        Arguments.of(
            "trust-domains-in.yaml: the trust domain must end at the slash",
            allow("[{from: [{source: {trustDomains: [cluster.local]}}]}]"),
            req().peer("spiffe://cluster.localx/ns/default/sa/sleep"),
            false),
        Arguments.of(
            "trust-domains-in.yaml: notTrustDomains prefix bad* (spiffe://bad[^/]*/.*)",
            allow("[{from: [{source: {notTrustDomains: ['bad*', untrusted]}}]}]"),
            req().peer("spiffe://bad-td/ns/default/sa/sleep"),
            false),
        Arguments.of(
            "trust-domains-in.yaml: notTrustDomains lets other trust domains in",
            allow("[{from: [{source: {notTrustDomains: ['bad*', untrusted]}}]}]"),
            req().peer("spiffe://good/ns/default/sa/sleep"),
            true),
        Arguments.of(
            "generator.go: a suffix stays inside the trust domain",
            allow("[{from: [{source: {trustDomains: ['*.example.org']}}]}]"),
            req().peer("spiffe://eu.example.org/ns/default/sa/sleep"),
            true),
        Arguments.of(
            "generator.go: a suffix needs the whole suffix ([^/]* may be empty, not the dot)",
            allow("[{from: [{source: {trustDomains: ['*.example.org']}}]}]"),
            req().peer("spiffe://example.org/ns/default/sa/sleep"),
            false),
        Arguments.of(
            "generator.go: [^/]* does not reach past the trust domain",
            allow("[{from: [{source: {trustDomains: ['*sleep']}}]}]"),
            req().peer("spiffe://td/ns/default/sa/sleep"),
            false),
        Arguments.of(
            "generator.go: trustDomains * is any SPIFFE peer",
            allow("[{from: [{source: {trustDomains: ['*']}}]}]"),
            req().peer(SLEEP),
            true),
        Arguments.of(
            "generator.go: trustDomains * needs a peer",
            allow("[{from: [{source: {trustDomains: ['*']}}]}]"),
            req(),
            false),
        Arguments.of(
            "model.go: notTrustDomains matches a plaintext caller (2021-004)",
            allow("[{from: [{source: {notTrustDomains: [untrusted]}}]}]"),
            req(),
            true),
        Arguments.of(
            "model.go: source.trustDomain in when",
            allow("[{when: [{key: source.trustDomain, values: ['cluster.*']}]}]"),
            req().peer(SLEEP),
            true),
        Arguments.of(
            "model.go: source.trustDomain notValues",
            allow("[{when: [{key: source.trustDomain, notValues: [cluster.local]}]}]"),
            req().peer(SLEEP),
            false),
        // serviceAccounts: generator.go srcServiceAccountGenerator, serviceAccountRegex
        Arguments.of(
            "generator.go serviceAccountRegex: namespace/account",
            allow("[{from: [{source: {serviceAccounts: [default/sleep]}}]}]"),
            req().peer(SLEEP),
            true),
        Arguments.of(
            "generator.go serviceAccountRegex: an account alone is in the policy's namespace",
            allow("[{from: [{source: {serviceAccounts: [sleep]}}]}]"),
            req().peer(SLEEP),
            false),
        Arguments.of(
            "generator.go serviceAccountRegex: an account alone, peer in the policy's namespace",
            allow("[{from: [{source: {serviceAccounts: [sleep]}}]}]"),
            req().peer("spiffe://cluster.local/ns/api-system/sa/sleep"),
            true),
        Arguments.of(
            "generator.go serviceAccountRegex: any trust domain",
            allow("[{from: [{source: {serviceAccounts: [default/sleep]}}]}]"),
            req().peer("spiffe://other.example/ns/default/sa/sleep"),
            true),
        Arguments.of(
            "generator.go serviceAccountRegex: notServiceAccounts",
            allow("[{from: [{source: {notServiceAccounts: [default/sleep]}}]}]"),
            req().peer(SLEEP),
            false),
        Arguments.of(
            "model.go: notServiceAccounts matches a plaintext caller (2021-004)",
            allow("[{from: [{source: {notServiceAccounts: [default/sleep]}}]}]"),
            req(),
            true),
        Arguments.of(
            "model.go: serviceAccounts needs a peer",
            allow("[{from: [{source: {serviceAccounts: [default/sleep]}}]}]"),
            req(),
            false),
        Arguments.of(
            "model.go: source.serviceAccount in when",
            allow("[{when: [{key: source.serviceAccount, values: [default/sleep]}]}]"),
            req().peer(SLEEP),
            true),
        Arguments.of(
            "model.go: source.serviceAccount notValues",
            allow("[{when: [{key: source.serviceAccount, notValues: [default/sleep]}]}]"),
            req().peer(SLEEP),
            false),
        Arguments.of(
            "D6#10 notNamespaces on a plaintext caller allows (2021-004)",
            allow("[{from: [{source: {notNamespaces: [foo]}}]}]"),
            req(),
            true),
        Arguments.of(
            "D6#11 DENY namespaces does not stop a plaintext caller",
            deny("[{from: [{source: {namespaces: [foo]}}]}]"),
            req(),
            true),
        Arguments.of(
            "D6#12 the fix: also require namespaces [*]",
            allow("[{from: [{source: {notNamespaces: [foo], namespaces: ['*']}}]}]"),
            req(),
            false),
        Arguments.of(
            "D6#12 the fix: DENY notNamespaces [*]",
            docs(
                deny("[{from: [{source: {notNamespaces: ['*']}}]}]"),
                policy("all", "{rules: [{}]}")),
            req(),
            false),
        Arguments.of(
            "D6#12 the fix lets an mTLS caller from elsewhere in",
            allow("[{from: [{source: {notNamespaces: [foo], namespaces: ['*']}}]}]"),
            req().peer(SLEEP),
            true),
        Arguments.of(
            "D4 fields in one source are ANDed",
            allow(
                "[{from: [{source: {principals: [cluster.local/ns/default/sa/sleep], namespaces: [other]}}]}]"),
            req().peer(SLEEP),
            false),
        Arguments.of(
            "D4 sources in from are ORed",
            allow("[{from: [{source: {namespaces: [other]}}, {source: {namespaces: [default]}}]}]"),
            req().peer(SLEEP),
            true),
        Arguments.of(
            "D4 values and notValues are ANDed",
            allow("[{from: [{source: {namespaces: ['*'], notNamespaces: [default]}}]}]"),
            req().peer(SLEEP),
            false),
        Arguments.of(
            "D3 cluster.local means the mesh trust domain",
            allow("[{from: [{source: {principals: [cluster.local/ns/default/sa/sleep]}}]}]"),
            req().peer("spiffe://cluster.local/ns/default/sa/sleep"),
            true),
        // D.4 requestPrincipals
        Arguments.of(
            "D6#6 requestPrincipals * with a JWT",
            allow("[{from: [{source: {requestPrincipals: ['*']}}]}]"),
            req(),
            true),
        Arguments.of(
            "D6#9 requestPrincipals * rejects empty sub",
            allow("[{from: [{source: {requestPrincipals: ['*']}}]}]"),
            req().claim("sub", ""),
            false),
        Arguments.of(
            "D4 requestPrincipals * rejects a missing sub",
            allow("[{from: [{source: {requestPrincipals: ['*']}}]}]"),
            req().claim("sub", null),
            false),
        Arguments.of(
            "D4 requestPrincipals exact iss/sub",
            allow("[{from: [{source: {requestPrincipals: [https://auth.example.com/alice]}}]}]"),
            req(),
            true),
        Arguments.of(
            "D4 requestPrincipals split at the last slash",
            allow("[{from: [{source: {requestPrincipals: [https://auth.example.com/bob]}}]}]"),
            req(),
            false),
        Arguments.of(
            "D6#14 a sub with a slash cannot match exactly",
            allow(
                "[{from: [{source: {requestPrincipals: ['https://auth.example.com/repo:org/repo:ref']}}]}]"),
            req().claim("sub", "repo:org/repo:ref"),
            false),
        Arguments.of(
            "D4 trailing * with a slash: sub prefix after the LAST slash",
            allow("[{from: [{source: {requestPrincipals: ['https://auth.*']}}]}]"),
            req(),
            false),
        Arguments.of(
            "D4 trailing * without a slash: iss prefix, sub any",
            allow("[{from: [{source: {requestPrincipals: ['https:*']}}]}]"),
            req(),
            true),
        Arguments.of(
            "D4 iss exact, sub prefix",
            allow("[{from: [{source: {requestPrincipals: ['https://auth.example.com/al*']}}]}]"),
            req(),
            true),
        Arguments.of(
            "D4 iss any, sub exact",
            allow("[{from: [{source: {requestPrincipals: ['*/alice']}}]}]"),
            req(),
            true),
        Arguments.of(
            "D4 leading * without slash is a sub suffix",
            allow("[{from: [{source: {requestPrincipals: ['*ice']}}]}]"),
            req(),
            true),
        Arguments.of(
            "D4 a value without slash needs an empty sub",
            allow("[{from: [{source: {requestPrincipals: ['https:']}}]}]"),
            req(),
            false),
        Arguments.of(
            "D4 notRequestPrincipals",
            allow("[{from: [{source: {notRequestPrincipals: ['*/mallory']}}]}]"),
            req(),
            true),
        Arguments.of(
            "D3 request.auth.principal in when",
            allow(
                "[{when: [{key: request.auth.principal, values: [https://auth.example.com/alice]}]}]"),
            req(),
            true),
        // D.3 to.operation
        Arguments.of(
            "D3 methods are case-sensitive",
            allow("[{to: [{operation: {methods: [get]}}]}]"),
            req(),
            false),
        Arguments.of(
            "D3 notMethods", allow("[{to: [{operation: {notMethods: [DELETE]}}]}]"), req(), true),
        Arguments.of(
            "D3 hosts are case-insensitive",
            allow("[{to: [{operation: {hosts: [Orders.Example.COM]}}]}]"),
            req().header("Host", "orders.example.com"),
            true),
        Arguments.of(
            "D3 hosts include the port when sent",
            allow("[{to: [{operation: {hosts: [orders.example.com]}}]}]"),
            req().header("Host", "orders.example.com:8080"),
            false),
        Arguments.of(
            "D3 hosts suffix",
            allow("[{to: [{operation: {hosts: ['*.example.com']}}]}]"),
            req().header("Host", "orders.example.com"),
            true),
        Arguments.of(
            "D3 hosts match the authority as received, not the Host header, when they differ",
            deny("[{to: [{operation: {hosts: [evil.example]}}]}]"),
            req().header("Host", "good.example").authority("evil.example"),
            false),
        Arguments.of(
            "D3 hosts: HTTP/2 without a Host header still has an authority",
            deny("[{to: [{operation: {hosts: [evil.example]}}]}]"),
            req().authority("evil.example"),
            false),
        Arguments.of(
            "D3 hosts ignore X-Forwarded-Host and Forwarded",
            deny("[{to: [{operation: {hosts: [evil.example]}}]}]"),
            req()
                .header("Host", "good.example")
                .header("X-Forwarded-Host", "evil.example")
                .header("Forwarded", "host=evil.example"),
            true),
        Arguments.of(
            "D3 paths see Istio's BASE path: a reserved escape is kept as sent",
            deny("[{to: [{operation: {paths: [/api/v1/orders/a%3Ab]}}]}]"),
            req().method("DELETE").path("/api/v1/orders/a%3Ab"),
            false),
        Arguments.of(
            "D3 paths: a rule for a:b does not catch a%3Ab",
            deny("[{to: [{operation: {paths: ['/api/v1/orders/a:b']}}]}]"),
            req().method("DELETE").path("/api/v1/orders/a%3Ab"),
            true),
        Arguments.of(
            "D3 paths: a rule for a:b catches a:b",
            deny("[{to: [{operation: {paths: ['/api/v1/orders/a:b']}}]}]"),
            req().method("DELETE").path("/api/v1/orders/a:b"),
            false),
        Arguments.of(
            "D3 paths: escaped unreserved characters are decoded before matching",
            deny("[{to: [{operation: {paths: [/admin]}}]}]"),
            req().path("/%61dmi%6E"),
            false),
        Arguments.of(
            "D3 paths: an escaped space is not decoded",
            deny("[{to: [{operation: {paths: ['/a b']}}]}]"),
            req().path("/a%20b"),
            true),
        Arguments.of(
            "D3 paths: a prefix rule sees the normalised path",
            deny("[{to: [{operation: {paths: ['/admin/*']}}]}]"),
            req().path("/%61dmin/users"),
            false),
        Arguments.of(
            "D3 hosts: without an authority, no policy that reads hosts allows (Envoy always has one)",
            deny("[{to: [{operation: {hosts: [evil.example]}}]}]"),
            req(),
            false),
        Arguments.of(
            "D3 hosts: without an authority, policies that do not read hosts decide as usual",
            allow("[{to: [{operation: {methods: [GET]}}]}]"),
            req(),
            true),
        Arguments.of(
            "D3 paths: an ambiguous raw path is allowed by no policy, even when called directly",
            allow("[{}]"),
            req().path("/x/..;/admin"),
            false),
        Arguments.of(
            "security.go: Istio accepts a '*' inside a path and matches it literally (allowed)",
            deny("[{to: [{operation: {paths: ['/a*b']}}]}]"),
            req().path("/axxb"),
            true),
        Arguments.of(
            "security.go: Istio accepts a '*' inside a path and matches it literally (denied)",
            deny("[{to: [{operation: {paths: ['/a*b']}}]}]"),
            req().path("/a*b"),
            false),
        Arguments.of(
            "matcher/header.go HostMatcher: a leading '*' first, so '*.example.com*' is a suffix"
                + " ending in a literal '*'",
            allow("[{to: [{operation: {hosts: ['*.example.com*']}}]}]"),
            req().authority("orders.example.com"),
            false),
        Arguments.of(
            "matcher/string.go StringMatcherWithPrefix: a claim value '*admin*' is the suffix"
                + " 'admin*'",
            allow("[{when: [{key: 'request.auth.claims[role]', values: ['*admin*']}]}]"),
            req().claim("role", "api-admin"),
            false),
        Arguments.of(
            "matcher/string.go StringMatcherWithPrefix: a claim value '*admin*' matches a literal"
                + " suffix 'admin*'",
            allow("[{when: [{key: 'request.auth.claims[role]', values: ['*admin*']}]}]"),
            req().claim("role", "x-admin*"),
            true),
        Arguments.of(
            "generator.go requestPrincipalGenerator: 'iss/*x*' is the subject prefix '*x', not the"
                + " suffix 'x*'",
            allow("[{from: [{source: {requestPrincipals: ['https://auth.example.com/*x*']}}]}]"),
            req().claim("sub", "evilx*"),
            false),
        Arguments.of(
            "generator.go requestPrincipalGenerator: 'iss/*x*' matches a subject starting '*x'",
            allow("[{from: [{source: {requestPrincipals: ['https://auth.example.com/*x*']}}]}]"),
            req().claim("sub", "*xyz"),
            true),
        Arguments.of(
            "Envoy ignore_case folds ASCII only: the Kelvin sign is not 'k'",
            allow("[{to: [{operation: {hosts: [k8s.example.com]}}]}]"),
            req().authority("\u212A8s.example.com"),
            false),
        Arguments.of(
            "Envoy ignore_case: ASCII upper case still matches",
            allow("[{to: [{operation: {hosts: [k8s.example.com]}}]}]"),
            req().authority("K8S.Example.COM"),
            true),
        Arguments.of(
            "D3 paths: a path the sidecar refuses (encoded NUL) is allowed by no policy",
            allow("[{}]"),
            req().path("/api/%00"),
            false),
        Arguments.of(
            "D3 ports", allow("[{to: [{operation: {ports: ['8080']}}]}]"), req().port(8080), true),
        Arguments.of(
            "D3 notPorts",
            allow("[{to: [{operation: {notPorts: [8080]}}]}]"),
            req().port(8080),
            false),
        Arguments.of(
            "D3 paths exact",
            allow("[{to: [{operation: {paths: [/api/v1/orders]}}]}]"),
            req().path("/api/v1/orders"),
            true),
        Arguments.of(
            "D3 /p/* is the prefix /p/ so /p does not match",
            allow("[{to: [{operation: {paths: ['/p/*']}}]}]"),
            req().path("/p"),
            false),
        Arguments.of(
            "D3 /info* also matches /infox",
            allow("[{to: [{operation: {paths: ['/info*']}}]}]"),
            req().path("/infox"),
            true),
        Arguments.of(
            "D3 paths suffix",
            allow("[{to: [{operation: {paths: ['*.json']}}]}]"),
            req().path("/a/b.json"),
            true),
        Arguments.of(
            "D3 paths * means non-empty",
            allow("[{to: [{operation: {paths: ['*']}}]}]"),
            req().path("/"),
            true),
        Arguments.of(
            "D3 path template {*} one segment",
            allow("[{to: [{operation: {paths: ['/orders/{*}/items']}}]}]"),
            req().path("/orders/7/items"),
            true),
        Arguments.of(
            "D3 path template {*} not two",
            allow("[{to: [{operation: {paths: ['/orders/{*}/items']}}]}]"),
            req().path("/orders/7/8/items"),
            false),
        Arguments.of(
            "D3 path template {**}",
            allow("[{to: [{operation: {paths: ['/orders/{**}']}}]}]"),
            req().path("/orders/7/8"),
            true),
        Arguments.of(
            "TestAuthz_PathTemplating: a final {**} matches nothing after the slash",
            allow("[{to: [{operation: {paths: ['/orders/{**}']}}]}]"),
            req().path("/orders/"),
            true),
        Arguments.of(
            "TestAuthz_PathTemplating: a final {**} needs the slash before it",
            allow("[{to: [{operation: {paths: ['/orders/{**}']}}]}]"),
            req().path("/orders"),
            false),
        Arguments.of(
            "TestAuthz_PathTemplating: {**} followed by more path loads and matches",
            allow("[{to: [{operation: {paths: ['/store/{**}/cart']}}]}]"),
            req().path("/store/foo/bar/cart"),
            true),
        Arguments.of(
            "TestAuthz_PathTemplating: {**} followed by more path needs the slash before it",
            allow("[{to: [{operation: {paths: ['/store/{**}/cart']}}]}]"),
            req().path("/store/cart"),
            false),
        Arguments.of(
            "uri_template_internal.cc: {*} is one or more pchar, and '=' is not one",
            allow("[{to: [{operation: {paths: ['/orders/{*}']}}]}]"),
            req().path("/orders/a=b"),
            false),
        Arguments.of(
            "D3 notPaths",
            allow("[{to: [{operation: {notPaths: ['/admin*']}}]}]"),
            req().path("/admin/x"),
            false),
        // D.5 when: claims
        Arguments.of(
            "D6#7 groups list contains group1",
            allow(
                "[{from: [{source: {requestPrincipals: [testing@secure.istio.io/testing@secure.istio.io]}}], when: [{key: 'request.auth.claims[groups]', values: [group1]}]}]"),
            req()
                .claim("iss", "testing@secure.istio.io")
                .claim("sub", "testing@secure.istio.io")
                .claim("groups", List.of("group1", "group2")),
            true),
        Arguments.of(
            "D6#8 no groups claim",
            allow(
                "[{from: [{source: {requestPrincipals: [testing@secure.istio.io/testing@secure.istio.io]}}], when: [{key: 'request.auth.claims[groups]', values: [group1]}]}]"),
            req().claim("iss", "testing@secure.istio.io").claim("sub", "testing@secure.istio.io"),
            false),
        Arguments.of(
            "D5 scope string is split on spaces",
            allow("[{when: [{key: 'request.auth.claims[scope]', values: ['orders:read']}]}]"),
            req().claim("scope", "openid orders:read"),
            true),
        Arguments.of(
            "D5 permission string is split on spaces",
            allow("[{when: [{key: 'request.auth.claims[permission]', values: [write]}]}]"),
            req().claim("permission", "read write"),
            true),
        Arguments.of(
            "D5 other strings are not split (scp)",
            allow("[{when: [{key: 'request.auth.claims[scp]', values: ['orders:read']}]}]"),
            req().claim("scp", "openid orders:read"),
            false),
        Arguments.of(
            "D5 numbers never match",
            allow("[{when: [{key: 'request.auth.claims[level]', values: ['1']}]}]"),
            req().claim("level", 1),
            false),
        Arguments.of(
            "D5 booleans never match",
            allow("[{when: [{key: 'request.auth.claims[admin]', values: ['true']}]}]"),
            req().claim("admin", true),
            false),
        Arguments.of(
            "D5 nested claims with brackets",
            allow("[{when: [{key: 'request.auth.claims[realm_access][roles]', values: [admin]}]}]"),
            req().claim("realm_access", Map.of("roles", List.of("admin"))),
            true),
        Arguments.of(
            "D5 a dot stays part of the name",
            allow("[{when: [{key: 'request.auth.claims[foo.com/name]', values: [x]}]}]"),
            req().claim("foo.com/name", "x"),
            true),
        Arguments.of(
            "D5 claim prefix pattern",
            allow("[{when: [{key: 'request.auth.claims[role]', values: ['api-*']}]}]"),
            req().claim("role", "api-admin"),
            true),
        Arguments.of(
            "D2 absent claim with notValues matches",
            allow("[{when: [{key: 'request.auth.claims[role]', notValues: [banned]}]}]"),
            req(),
            true),
        Arguments.of(
            "D2 absent claim with values does not",
            allow("[{when: [{key: 'request.auth.claims[role]', values: ['*']}]}]"),
            req(),
            false),
        Arguments.of(
            "D3 request.auth.audiences any-of",
            allow("[{when: [{key: request.auth.audiences, values: [orders]}]}]"),
            req().claim("aud", List.of("billing", "orders")),
            true),
        Arguments.of(
            "D3 request.auth.presenter",
            allow("[{when: [{key: request.auth.presenter, values: [web-app]}]}]"),
            req().claim("azp", "web-app"),
            true),
        Arguments.of(
            "D3 source.principal in when",
            allow(
                "[{when: [{key: source.principal, values: [cluster.local/ns/default/sa/sleep]}]}]"),
            req().peer(SLEEP),
            true),
        Arguments.of(
            "D3 source.namespace in when",
            allow("[{when: [{key: source.namespace, values: [default]}]}]"),
            req().peer(SLEEP),
            true),
        Arguments.of(
            "D3 destination.port in when",
            allow("[{when: [{key: destination.port, values: ['9090']}]}]"),
            req().port(8080),
            false),
        Arguments.of(
            "D3 header name is case-insensitive",
            allow("[{when: [{key: 'request.headers[X-Tenant]', values: [acme]}]}]"),
            req().header("x-tenant", "acme"),
            true),
        Arguments.of(
            "envoy headers.h (Host is :authority): Host is held as :authority, so request.headers[:authority] matches it",
            allow("[{when: [{key: 'request.headers[:authority]', values: [orders.example.com]}]}]"),
            req().header("Host", "orders.example.com"),
            true),
        Arguments.of(
            "envoy headers.h (Host is :authority): no header named host exists when RBAC runs",
            allow("[{when: [{key: 'request.headers[Host]', values: ['*']}]}]"),
            req().header("Host", "orders.example.com"),
            false),
        Arguments.of(
            "envoy headers.h: the method is the :method header",
            allow("[{when: [{key: 'request.headers[:method]', values: [GET]}]}]"),
            req(),
            true),
        Arguments.of(
            "D3 duplicate headers are merged with a comma",
            allow("[{when: [{key: 'request.headers[x-tenant]', values: ['a,b']}]}]"),
            req().header("x-tenant", "a").header("x-tenant", "b"),
            true),
        Arguments.of(
            "D2 header * means present, even empty",
            allow("[{when: [{key: 'request.headers[x-flag]', values: ['*']}]}]"),
            req().header("x-flag", ""),
            true),
        Arguments.of(
            "D3 all when conditions must hold",
            allow(
                "[{when: [{key: 'request.auth.claims[role]', values: [admin]}, {key: 'request.headers[x-tenant]', values: [acme]}]}]"),
            req().claim("role", "admin"),
            false),
        // Applicability: namespace, root namespace, selector
        Arguments.of(
            "root namespace policy applies to every workload",
            policy("root", "{rules: [{to: [{operation: {paths: [/a]}}]}]}")
                .replace("  name: root", "  name: root\n  namespace: istio-system"),
            req().path("/b"),
            false),
        Arguments.of(
            "another namespace's policy does not apply",
            policy("elsewhere", "{}")
                .replace("  name: elsewhere", "  name: elsewhere\n  namespace: billing"),
            req(),
            true),
        Arguments.of(
            "a selector for other labels does not apply",
            policy("other-app", "{selector: {matchLabels: {app: billing}}}"),
            req(),
            true),
        Arguments.of(
            "a selector for these labels applies",
            policy("this-app", "{selector: {matchLabels: {app: orders}}}"),
            req(),
            false));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void evaluateWhenIstioSemanticsThenSameDecision(
      String name, String yaml, Req request, boolean expected) {
    assertThat(allowed(yaml, request)).as("%s for %s", name, request).isEqualTo(expected);
  }

  /** One RequestAuthentication document in the workload's namespace (or {@code namespace}). */
  static String requestAuthentication(String name, String spec) {
    return "apiVersion: security.istio.io/v1\nkind: RequestAuthentication\nmetadata:\n  name: "
        + name
        + "\nspec: "
        + spec
        + "\n";
  }

  static final String ROLES_USER =
      allow("[{when: [{key: 'request.auth.claims[roles]', values: [user]}]}]");

  /**
   * spaceDelimitedClaims: istio/istio pilot/pkg/security/authn/policy_applier.go
   * buildSpaceDelimitedClaims; envoyproxy/envoy source/extensions/filters/http/jwt_authn/
   * authenticator.cc setPayloadMetadata; istio/api request_authentication.proto field 14;
   * applicability as pilot/pkg/model/authentication.go getConfigsForWorkload.
   */
  static Stream<Arguments> spaceDelimitedClaims() {
    String roles =
        requestAuthentication(
            "jwt",
            "{jwtRules: [{issuer: https://auth.example.com, spaceDelimitedClaims: [roles]}]}");
    return Stream.of(
        Arguments.of(
            "policy_applier.go: a listed claim is split for the rule's issuer",
            docs(roles, ROLES_USER),
            req().claim("roles", "admin user"),
            true),
        Arguments.of(
            "policy_applier.go: the RequestAuthentication may come after the policy",
            docs(ROLES_USER, roles),
            req().claim("roles", "admin user"),
            true),
        Arguments.of(
            "authenticator.cc: only for tokens of that issuer",
            docs(roles, ROLES_USER),
            req().claim("iss", "https://other.example").claim("roles", "admin user"),
            false),
        Arguments.of(
            "policy_applier.go: an unlisted claim is not split",
            docs(
                requestAuthentication("jwt", "{jwtRules: [{issuer: https://auth.example.com}]}"),
                ROLES_USER),
            req().claim("roles", "admin user"),
            false),
        Arguments.of(
            "authentication.go: a RequestAuthentication for other labels does not apply",
            docs(
                roles.replace("spec: {", "spec: {selector: {matchLabels: {app: billing}}, "),
                ROLES_USER),
            req().claim("roles", "admin user"),
            false),
        Arguments.of(
            "authentication.go: a RequestAuthentication in another namespace does not apply",
            docs(roles.replace("  name: jwt", "  name: jwt\n  namespace: billing"), ROLES_USER),
            req().claim("roles", "admin user"),
            false),
        Arguments.of(
            "authentication.go: a RequestAuthentication in the root namespace applies",
            docs(
                roles.replace("  name: jwt", "  name: jwt\n  namespace: istio-system"), ROLES_USER),
            req().claim("roles", "admin user"),
            true),
        Arguments.of(
            "policyattachment.go: a RequestAuthentication with targetRefs never attaches to a sidecar",
            docs(
                roles.replace("spec: {", "spec: {targetRefs: [{kind: Gateway, name: gw}], "),
                ROLES_USER),
            req().claim("roles", "admin user"),
            false),
        Arguments.of(
            "policy_applier.go: a rule with only jwksUri accepts any issuer, so splits for any",
            docs(
                requestAuthentication(
                    "jwt",
                    "{jwtRules: [{jwksUri: 'https://keys.example/jwks', spaceDelimitedClaims: [roles]}]}"),
                ROLES_USER),
            req().claim("iss", "https://other.example").claim("roles", "admin user"),
            true),
        Arguments.of(
            "authenticator.cc: a name with dots is one top-level claim",
            docs(
                requestAuthentication(
                    "jwt",
                    "{jwtRules: [{issuer: https://auth.example.com, spaceDelimitedClaims: [provider.login.scope]}]}"),
                allow(
                    "[{when: [{key: 'request.auth.claims[provider.login.scope]', values: [b]}]}]")),
            req().claim("provider.login.scope", "a b"),
            true),
        Arguments.of(
            "authenticator.cc: nested claims are never split",
            docs(
                requestAuthentication(
                    "jwt",
                    "{jwtRules: [{issuer: https://auth.example.com, spaceDelimitedClaims: [login]}]}"),
                allow("[{when: [{key: 'request.auth.claims[provider][login]', values: [b]}]}]")),
            req().claim("provider", Map.of("login", "a b")),
            false),
        Arguments.of(
            "authenticator.cc: a string of spaces has no parts and stays a string",
            allow("[{when: [{key: 'request.auth.claims[scope]', values: ['*']}]}]"),
            req().claim("scope", "   "),
            true),
        Arguments.of(
            "authenticator.cc: runs of spaces give no empty parts",
            allow("[{when: [{key: 'request.auth.claims[scope]', values: [b]}]}]"),
            req().claim("scope", " a  b "),
            true),
        Arguments.of(
            "generator.go requestAudiencesGenerator: aud is matched as a claim, so split when listed",
            docs(
                requestAuthentication(
                    "jwt",
                    "{jwtRules: [{issuer: https://auth.example.com, spaceDelimitedClaims: [aud]}]}"),
                allow("[{when: [{key: request.auth.audiences, values: [orders]}]}]")),
            req().claim("aud", "billing orders"),
            true),
        Arguments.of(
            "generator.go requestPrincipalGenerator: a split sub is a list, which a string matcher never matches",
            docs(
                requestAuthentication(
                    "jwt",
                    "{jwtRules: [{issuer: https://auth.example.com, spaceDelimitedClaims: [sub]}]}"),
                allow(
                    "[{from: [{source: {requestPrincipals: [https://auth.example.com/alice]}}]}]")),
            req(),
            false));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("spaceDelimitedClaims")
  void evaluateWhenSpaceDelimitedClaimsThenSplitAsTheSidecarDoes(
      String name, String yaml, Req request, boolean expected) {
    assertThat(allowed(yaml, request)).as("%s for %s", name, request).isEqualTo(expected);
  }

  /**
   * Envoy's uri_template as Istio generates it ({@code {*}} becomes {@code *}, {@code {**}} becomes
   * {@code **}): istio/istio tests/integration/security/authz_test.go TestAuthz_PathTemplating,
   * pilot/pkg/security/authz/matcher/template.go; envoyproxy/envoy
   * source/extensions/path/uri_template_lib/uri_template_internal.cc (toRegexPattern: {@code *} is
   * {@code [pchar]+}, {@code **} is {@code [pchar/]*}, pchar without {@code *} and {@code =}).
   * Matched on the matcher itself: meshguard refuses raw paths with {@code //} before any policy.
   */
  @ParameterizedTest(name = "{0} {1} -> {2}")
  @CsvSource(
      delimiter = '|',
      value = {
        // TestAuthz_PathTemplating, /allow/admin/{**}
        "/allow/admin/{**}|/allow/admin/|true",
        "/allow/admin/{**}|/allow/admin|false",
        "/allow/admin/{**}|/allow/user/|false",
        "/allow/admin/{**}|/allow|false",
        "/allow/admin/{**}|/allow/admin/temp|true",
        "/allow/admin/{**}|/allow/admin/temp.txt|true",
        "/allow/admin/{**}|/allow/admin/foo/temp.txt|true",
        // TestAuthz_PathTemplating, /foo/{*}/bar/{**}
        "/foo/{*}/bar/{**}|/foo/buzz/bar/bat.txt|true",
        "/foo/{*}/bar/{**}|/foo/buzz/bar/bat.temp.txt|true",
        "/foo/{*}/bar/{**}|/foo/buzz/bar/bat/fuzz.txt|true",
        "/foo/{*}/bar/{**}|/foo/bar/bat.txt|false",
        "/foo/{*}/bar/{**}|/foo//bar/bat.txt|false",
        "/foo/{*}/bar/{**}|/foo/buzz/bar/bat|true",
        // TestAuthz_PathTemplating, /store/{**}/cart
        "/store/{**}/cart|/store//cart|true",
        "/store/{**}/cart|/store/cart|false",
        "/store/{**}/cart|/store/foo/cart|true",
        "/store/{**}/cart|/store/foo/bar/cart|true",
        // uri_template_internal.cc: the pchar set, a trailing '/', several literals after {**}
        "/a/{*}|/a/b:c@d!$&'()+,;~-._%41|true",
        "/a/{*}|/a/b=c|false",
        "/a/{*}|/a/b*c|false",
        "/a/{*}|/a/b[c]|false",
        "/a/{**}|/a/b/c=d|false",
        "/a/{**}|/a/b//c|true",
        "/a/{*}/|/a/b/|true",
        "/a/{*}/|/a/b|false",
        "/{**}/b/c|/x/b/c|true",
        "/{**}/b/c|/b/c|false",
        "/{**}/b/c|//b/c|true",
        "/{**}|/|true",
        "/{*}|/|false",
        "/a/{*}/c|/a/b/c/|false",
        "/a.b/{*}|/aXb/c|false",
      })
  void pathTemplateWhenEnvoyUriTemplateThenSameMatch(
      String template, String path, boolean expected) {
    assertThat(Matchers.path(template).matches(path)).isEqualTo(expected);
  }

  /**
   * istio/istio pilot/pkg/security/authz/model/generator_test.go TestServiceAccount, row by row.
   */
  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      value = {
        "standard|my-ns/my-sa|spiffe://cluster.local/ns/my-ns/sa/my-sa|true",
        "suffix attributes|my-ns/my-sa|spiffe://cluster.local/ns/my-ns/sa/my-sa/k/v|true",
        "prefix attributes|my-ns/my-sa|spiffe://cluster.local/k/v/ns/my-ns/sa/my-sa|true",
        "middle attributes|my-ns/my-sa|spiffe://cluster.local/ns/my-ns/k/v/sa/my-sa|true",
        "all attributes|my-ns/my-sa|spiffe://cluster.local/k1/v1/ns/my-ns/k2/v2/sa/my-sa/k3/v3|true",
        "sa suffix string|my-ns/my-sa|spiffe://cluster.local/ns/my-ns/sa/my-sa-suffix|false",
        "ns suffix string|my-ns/my-sa|spiffe://cluster.local/ns/my-ns-suffix/sa/my-sa|false",
        "not spiffe|my-ns/my-sa|cluster.local/ns/my-ns/sa/my-sa|false",
        "invalid spiffe|my-ns/my-sa|spiffe://ns/my-ns/sa/my-sa|false",
        "missing sa|my-ns/my-sa|spiffe://cluster.local/ns/my-ns|false",
        "missing ns|my-ns/my-sa|spiffe://cluster.local/sa/my-sa|false",
        "weird keys|my-ns/my-sa|spiffe://cluster.local/k/ns/my-ns/something/bar/sa/my-sa/baz|true",
        "regex metachars - exact match with dots|my.ns/my.sa|spiffe://cluster.local/ns/my.ns/sa/my.sa|true",
        "regex metachars - dot in ns|my.ns/my.sa|spiffe://cluster.local/ns/myXns/sa/my.sa|false",
        "regex metachars - dot in sa|my.ns/my.sa|spiffe://cluster.local/ns/my.ns/sa/myXsa|false",
        // beyond the table: (.+/|) needs a non-empty part, (/.+)? a non-empty tail
        "empty part before sa|my-ns/my-sa|spiffe://cluster.local/ns/my-ns//sa/my-sa|false",
        "empty tail after sa|my-ns/my-sa|spiffe://cluster.local/ns/my-ns/sa/my-sa/|false",
        "second ns occurrence|my-ns/my-sa|spiffe://cluster.local/ns/my-ns/x/ns/my-ns/sa/my-sa|true",
        "sa found only on a later try|my-ns/my-sa|spiffe://cluster.local/ns/my-ns/sa/my-sa-x/y/sa/my-sa|true",
      })
  void serviceAccountWhenIstioRegexThenSameMatch(
      String name, String value, String identity, boolean expected) {
    int slash = value.indexOf('/');
    assertThat(
            Matchers.serviceAccount(value.substring(0, slash), value.substring(slash + 1))
                .matches(identity))
        .isEqualTo(expected);
  }

  /** istio/istio pilot/pkg/security/trustdomain/bundle_test.go TestReplaceTrustDomainAliases. */
  static Stream<Arguments> replaceTrustDomainAliases() {
    return Stream.of(
        Arguments.of(
            "No trust domain aliases (no change in trust domain)",
            "cluster.local",
            List.of(),
            List.of("cluster.local/ns/foo/sa/bar"),
            List.of("cluster.local/ns/foo/sa/bar")),
        Arguments.of("Principal with *", "cluster.local", List.of(), List.of("*"), List.of("*")),
        Arguments.of(
            "Principal with * prefix",
            "cluster.local",
            List.of(),
            List.of("*/ns/foo/sa/bar"),
            List.of("*/ns/foo/sa/bar")),
        Arguments.of(
            "One trust domain alias, one principal",
            "td2",
            List.of("td1"),
            List.of("td1/ns/foo/sa/bar"),
            List.of("td2/ns/foo/sa/bar", "td1/ns/foo/sa/bar")),
        Arguments.of(
            "One trust domain alias, two principals",
            "td1",
            List.of("cluster.local"),
            List.of("cluster.local/ns/foo/sa/bar", "cluster.local/ns/yyy/sa/zzz"),
            List.of(
                "td1/ns/foo/sa/bar",
                "cluster.local/ns/foo/sa/bar",
                "td1/ns/yyy/sa/zzz",
                "cluster.local/ns/yyy/sa/zzz")),
        Arguments.of(
            "One trust domain alias, principals with * as-is",
            "td1",
            List.of("cluster.local"),
            List.of("*/ns/foo/sa/bar", "*sa/zzz", "*"),
            List.of("*/ns/foo/sa/bar", "*sa/zzz", "*")),
        Arguments.of(
            "Two trust domain aliases, two principals",
            "td2",
            List.of("td1", "cluster.local"),
            List.of("cluster.local/ns/foo/sa/bar", "td1/ns/yyy/sa/zzz"),
            List.of(
                "td2/ns/foo/sa/bar",
                "td1/ns/foo/sa/bar",
                "cluster.local/ns/foo/sa/bar",
                "td2/ns/yyy/sa/zzz",
                "td1/ns/yyy/sa/zzz",
                "cluster.local/ns/yyy/sa/zzz")),
        Arguments.of(
            "Two trust domain aliases with * prefix in trust domain",
            "td2",
            List.of("foo-td1", "cluster.local"),
            List.of("*-td1/ns/foo/sa/bar"),
            List.of("td2/ns/foo/sa/bar", "*-td1/ns/foo/sa/bar", "cluster.local/ns/foo/sa/bar")),
        Arguments.of(
            "Principals not match any trust domains",
            "td1",
            List.of("td2"),
            List.of("some-td/ns/foo/sa/bar"),
            List.of("some-td/ns/foo/sa/bar")),
        Arguments.of(
            "Principals match one alias",
            "td1",
            List.of("td2", "some-td"),
            List.of("some-td/ns/foo/sa/bar"),
            List.of("td1/ns/foo/sa/bar", "td2/ns/foo/sa/bar", "some-td/ns/foo/sa/bar")),
        Arguments.of(
            "One principal match one alias",
            "new-td",
            List.of("td2", "td3"),
            List.of("td1/ns/some-ns/sa/some-sa", "td2/ns/foo/sa/bar"),
            List.of(
                "td1/ns/some-ns/sa/some-sa",
                "new-td/ns/foo/sa/bar",
                "td2/ns/foo/sa/bar",
                "td3/ns/foo/sa/bar")),
        Arguments.of(
            "Trust domain is empty string",
            "new-td",
            List.of("td2", "td3"),
            List.of("/ns/some-ns/sa/some-sa"),
            List.of("/ns/some-ns/sa/some-sa")),
        Arguments.of(
            "No duplicated principals for prefix",
            "new-td",
            List.of("old-td"),
            List.of("*-td/ns/some-ns/sa/some-sa"),
            List.of("*-td/ns/some-ns/sa/some-sa")));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("replaceTrustDomainAliases")
  void replaceTrustDomainAliasesWhenIstioBundleThenSamePrincipals(
      String name,
      String trustDomain,
      List<String> aliases,
      List<String> principals,
      List<String> expected) {
    TrustDomainBundle bundle = TrustDomainBundle.of(trustDomain, aliases);
    List<String> replaced = new java.util.ArrayList<>();
    for (String principal : principals) {
      replaced.addAll(bundle.replaceTrustDomainAliases(principal));
    }
    assertThat(replaced).containsExactlyElementsOf(expected);
  }

  /**
   * Trust domains and aliases in decisions: istio/istio pilot/pkg/security/trustdomain/bundle.go,
   * model.go MigrateTrustDomain, builder testdata simple-policy-*-td-aliases,
   * simple-policy-principal-with-wildcard, td-aliases-source-principal.
   */
  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      value = {
        "bundle.go: a principal in an alias means the mesh trust domain too|td2|td1|{principals: [td1/ns/foo/sa/bar]}|spiffe://td2/ns/foo/sa/bar|true",
        "bundle.go: a principal in the mesh trust domain means each alias too|td2|td1|{principals: [td2/ns/foo/sa/bar]}|spiffe://td1/ns/foo/sa/bar|true",
        "simple-policy-multiple-td-aliases: cluster.local means every alias|td1|cluster.local,some-td|{principals: [cluster.local/ns/foo/sa/bar]}|spiffe://some-td/ns/foo/sa/bar|true",
        "bundle.go: another trust domain stays as written|td1|td2|{principals: [some-td/ns/foo/sa/bar]}|spiffe://td1/ns/foo/sa/bar|false",
        "simple-policy-principal-with-wildcard: *bar matching an alias also means the trust domain|td1|foobar|{principals: ['*bar/ns/foo/sa/x']}|spiffe://td1/ns/foo/sa/x|true",
        "simple-policy-principal-with-wildcard: *bar still matches as written|td1|foobar|{principals: ['*bar/ns/foo/sa/x']}|spiffe://crowbar/ns/foo/sa/x|true",
        "bundle.go: a principal that is not five parts stays as written|td2|td1|{principals: ['td1/ns/foo/*']}|spiffe://td2/ns/foo/sa/bar|false",
        "td-aliases-source-principal: source.principal is rewritten too|new-td|old-td,some-trustdomain|{}|spiffe://some-trustdomain/ns/foo/sa/prefix-td|true",
        "bundle.go ExpandTrustDomainAliases: trustDomains in an alias means all|td2|td1|{trustDomains: [td1]}|spiffe://td2/ns/foo/sa/bar|true",
        "bundle.go ExpandTrustDomainAliases: notTrustDomains too|td2|td1|{notTrustDomains: [td2]}|spiffe://td1/ns/foo/sa/bar|false",
        "bundle.go ExpandTrustDomainAliases: only a known trust domain is expanded, cluster.local is not special|example.org||{trustDomains: [cluster.local]}|spiffe://example.org/ns/foo/sa/bar|false",
        "bundle.go ExpandTrustDomainAliases: a pattern is not expanded|td2|td1|{trustDomains: ['td1*']}|spiffe://td2/ns/foo/sa/bar|false",
      })
  void evaluateWhenTrustDomainAliasesThenIstiosRewrite(
      String name,
      String trustDomain,
      String aliases,
      String source,
      String peer,
      boolean expected) {
    Workload workload =
        new Workload(
            "api-system",
            Map.of(),
            "istio-system",
            trustDomain,
            aliases == null ? List.of() : List.of(aliases.split(",")));
    String rule =
        source.equals("{}")
            ? "[{when: [{key: source.principal, values: ['*-td/ns/foo/sa/prefix-td']}]}]"
            : "[{from: [{source: " + source + "}]}]";
    Req request = req().peer(peer);
    assertThat(
            PolicySet.load(allow(rule), workload)
                .evaluate(
                    request.meshRequest(),
                    request.identity().claims(),
                    request.identity().peer().orElse(null))
                .isAllowed())
        .isEqualTo(expected);
  }

  @Test
  void evaluateWhenTrustDomainAliasesThenClusterLocalMeansEach() {
    // istio/istio pilot/pkg/security/trustdomain/bundle.go (WIRE-FORMATS.md D.3)
    Workload workload =
        new Workload(
            "api-system", Map.of(), "istio-system", "example.org", List.of("old.example.org"));
    PolicySet set =
        PolicySet.load(
            allow("[{from: [{source: {principals: [cluster.local/ns/default/sa/sleep]}}]}]"),
            workload);
    for (String peer :
        List.of(
            "spiffe://example.org/ns/default/sa/sleep",
            "spiffe://old.example.org/ns/default/sa/sleep")) {
      Req request = req().peer(peer);
      assertThat(
              set.evaluate(
                      request.meshRequest(),
                      request.identity().claims(),
                      request.identity().peer().orElse(null))
                  .isAllowed())
          .as(peer)
          .isTrue();
    }
    Req local = req().peer("spiffe://cluster.local/ns/default/sa/sleep");
    assertThat(
            set.evaluate(
                    local.meshRequest(),
                    local.identity().claims(),
                    local.identity().peer().orElse(null))
                .isAllowed())
        .isFalse();
  }

  @Test
  void explanationWhenDenyMatchesThenNamesPolicyAndRule() {
    PolicySet set =
        PolicySet.load(
            docs(
                allow("[{}]"),
                deny(
                    "[{to: [{operation: {methods: [POST]}}]}, {to: [{operation: {paths: ['/admin*']}}]}]")),
            ORDERS);
    Req request = req().path("/admin/users").claim("role", "secret-value");
    PolicyDecision decision =
        set.evaluate(
            request.meshRequest(),
            request.identity().claims(),
            request.identity().peer().orElse(null));
    assertThat(decision.reason()).isEqualTo(PolicyDecision.Reason.DENY_MATCHED);
    assertThat(decision.matched()).isEqualTo("DENY api-system/deny rule 1");
    assertThat(decision).hasToString("denied: DENY api-system/deny rule 1 matched");
  }

  @Test
  void explanationWhenNoAllowMatchesThenEachRuleSaysWhichPartFailed() {
    PolicySet set =
        PolicySet.load(
            allow(
                "[{from: [{source: {namespaces: [other]}}]}, {to: [{operation: {paths: [/x]}}], when: [{key: 'request.auth.claims[role]', values: [admin]}]}]"),
            ORDERS);
    Req request = req().peer(SLEEP).path("/x").claim("role", "user-secret");
    PolicyDecision decision =
        set.evaluate(
            request.meshRequest(),
            request.identity().claims(),
            request.identity().peer().orElse(null));
    assertThat(decision.isAllowed()).isFalse();
    assertThat(decision).hasToString("denied: no ALLOW policy rule matched");
    assertThat(decision.details())
        .containsExactly(
            "ALLOW api-system/allow rule 0: from did not match",
            "ALLOW api-system/allow rule 1: when request.auth.claims[role] did not match");
    assertThat(String.join(" ", decision.details())).doesNotContain("user-secret");
  }

  @Test
  void detailsWhenRequestIsRecycledAfterEvaluateThenStillExplainEachRule() {
    PolicySet set =
        PolicySet.load(
            allow(
                "[{to: [{operation: {hosts: [orders.example]}}]}, {when: [{key: 'request.headers[x-tenant]', values: [a]}]}]"),
            ORDERS);
    Req request = req().authority("other.example").header("x-tenant", "b");
    RecyclableRequest recyclable = new RecyclableRequest(request.meshRequest());
    PolicyDecision decision =
        set.evaluate(
            recyclable, request.identity().claims(), request.identity().peer().orElse(null));
    recyclable.recycle(); // the container reuses the request once the response is written

    assertThat(decision.reason()).isEqualTo(PolicyDecision.Reason.NO_ALLOW_MATCHED);
    assertThat(decision.details())
        .containsExactly(
            "ALLOW api-system/allow rule 0: to did not match",
            "ALLOW api-system/allow rule 1: when request.headers[x-tenant] did not match");
  }

  /**
   * A request whose accessors throw once recycled, as a servlet request reused by the container.
   */
  private static final class RecyclableRequest implements MeshRequest {
    private final MeshRequest delegate;
    private volatile boolean recycled;

    RecyclableRequest(MeshRequest delegate) {
      this.delegate = delegate;
    }

    void recycle() {
      recycled = true;
    }

    private MeshRequest live() {
      if (recycled) {
        throw new IllegalStateException("request read after it was recycled");
      }
      return delegate;
    }

    @Override
    public String method() {
      return live().method();
    }

    @Override
    public String rawPath() {
      return live().rawPath();
    }

    @Override
    public List<String> headers(String name) {
      return live().headers(name);
    }

    @Override
    public @Nullable String authority() {
      return live().authority();
    }

    @Override
    public int localPort() {
      return live().localPort();
    }
  }

  @Test
  void shadowMatchesWhenDryRunAndAuditRulesMatchThenCountedAndLoggedAtDebugOnly() {
    String dry =
        policy("dry", "{action: DENY, rules: [{}]}")
            .replace("  name: dry", "  name: dry\n  annotations: {istio.io/dry-run: \"true\"}");
    String auditOther =
        policy("audit-other", "{action: AUDIT, rules: [{to: [{operation: {paths: [/other]}}]}]}");
    PolicySet set =
        PolicySet.load(
            docs(dry, policy("audit", "{action: AUDIT, rules: [{}]}"), auditOther), ORDERS);
    Logger logger = (Logger) LoggerFactory.getLogger(PolicySet.class);
    ListAppender<ILoggingEvent> appender = new ListAppender<>();
    appender.start();
    logger.addAppender(appender);
    Level level = logger.getLevel();
    logger.setLevel(Level.DEBUG);
    try {
      Req request = req().path("/x");
      for (int i = 0; i < 3; i++) {
        set.evaluate(
            request.meshRequest(),
            request.identity().claims(),
            request.identity().peer().orElse(null));
      }
    } finally {
      logger.setLevel(level);
      logger.detachAppender(appender);
    }

    assertThat(set.shadowMatches()).isEqualTo(6);
    assertThat(PolicySet.load(dry, ORDERS).shadowMatches()).isZero();
    assertThat(appender.list).hasSize(6).allMatch(event -> event.getLevel() == Level.DEBUG);
    assertThat(appender.list.get(0).getFormattedMessage())
        .isEqualTo("meshguard policy dry-run DENY api-system/dry rule 0 would have matched");
  }

  @Test
  void explanationWhenDryRunOrAuditMatchesThenNoted() {
    String dry =
        policy("dry", "{action: DENY, rules: [{}]}")
            .replace("  name: dry", "  name: dry\n  annotations: {istio.io/dry-run: \"true\"}");
    PolicySet set =
        PolicySet.load(docs(dry, policy("audit", "{action: AUDIT, rules: [{}]}")), ORDERS);
    Req request = req();
    PolicyDecision decision =
        set.evaluate(
            request.meshRequest(),
            request.identity().claims(),
            request.identity().peer().orElse(null));
    assertThat(decision.isAllowed()).isTrue();
    assertThat(decision.notes())
        .containsExactly(
            "dry-run DENY api-system/dry rule 0 would have matched",
            "AUDIT api-system/audit rule 0 would have matched");
  }

  @Test
  void indexWhenManyExactPathRulesThenStillFindsTheMatchingOne() {
    StringBuilder rules = new StringBuilder("[");
    for (int i = 0; i < 1000; i++) {
      rules
          .append(i == 0 ? "" : ", ")
          .append("{to: [{operation: {methods: [GET], paths: [/r")
          .append(i)
          .append("]}}]}");
    }
    PolicySet set = PolicySet.load(allow(rules.append("]").toString()), ORDERS);
    Req hit = req().path("/r999");
    Req miss = req().path("/r1000");
    assertThat(
            set.evaluate(
                    hit.meshRequest(), hit.identity().claims(), hit.identity().peer().orElse(null))
                .matched())
        .isEqualTo("ALLOW api-system/allow rule 999");
    assertThat(
            set.evaluate(
                    miss.meshRequest(),
                    miss.identity().claims(),
                    miss.identity().peer().orElse(null))
                .isAllowed())
        .isFalse();
  }
}
