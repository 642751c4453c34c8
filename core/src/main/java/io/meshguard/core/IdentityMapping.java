package io.meshguard.core;

import io.meshguard.core.claims.ClaimPaths;
import io.meshguard.core.claims.Claims;
import io.meshguard.core.peer.PeerResult;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * How a validated token's claims become a principal for the frameworks: which claims carry roles
 * (Keycloak's {@code [realm_access][roles]}, {@code groups}, {@code roles}) and which claim names
 * the principal ({@code sub} unless said otherwise). It changes only names and roles, never what is
 * checked: {@link MeshIdentity#subject()} stays {@code sub}, and policies' {@code
 * requestPrincipals} keep matching {@code iss/sub}. Immutable.
 *
 * <p>The principal's name is the principal claim when it is a non-empty string; otherwise {@code
 * sub} when present; otherwise {@link MeshIdentity#UNNAMED} (a token need not carry {@code sub}).
 *
 * @since 0.1.0
 */
public final class IdentityMapping {

  /** The default principal claim: {@value}. */
  public static final String DEFAULT_PRINCIPAL_CLAIM = "sub";

  /** The default delimiter of a string-valued role claim: a space. */
  public static final String DEFAULT_ROLE_DELIMITER = " ";

  /** No role claims, {@code sub} names the principal. */
  public static final IdentityMapping DEFAULT =
      new IdentityMapping(List.of(), DEFAULT_ROLE_DELIMITER, List.of(DEFAULT_PRINCIPAL_CLAIM));

  private final List<List<String>> roleClaims;
  private final String roleDelimiter;
  private final List<String> principalClaim;

  private IdentityMapping(
      List<List<String>> roleClaims, String roleDelimiter, List<String> principalClaim) {
    this.roleClaims = roleClaims;
    this.roleDelimiter = roleDelimiter;
    this.principalClaim = principalClaim;
  }

  /**
   * A mapping.
   *
   * @param roleClaims claim paths carrying roles, as {@link ClaimPaths} text ({@code roles}, {@code
   *     [realm_access][roles]})
   * @param roleDelimiter splits a string-valued role claim; not empty
   * @param principalClaim the claim path naming the principal
   * @throws IllegalArgumentException for an invalid path or an empty delimiter
   */
  public static IdentityMapping of(
      List<String> roleClaims, String roleDelimiter, String principalClaim) {
    Objects.requireNonNull(roleDelimiter, "roleDelimiter");
    if (roleDelimiter.isEmpty()) {
      throw new IllegalArgumentException("The role delimiter is empty");
    }
    List<List<String>> paths = new ArrayList<>();
    for (String claim : roleClaims) {
      paths.add(ClaimPaths.parse(claim));
    }
    return new IdentityMapping(List.copyOf(paths), roleDelimiter, ClaimPaths.parse(principalClaim));
  }

  /** The identity of {@code claims} and {@code peer}, with its roles and name. */
  MeshIdentity identity(Claims claims, PeerResult peer) {
    return new MeshIdentity(claims, peer, roles(claims), name(claims));
  }

  /**
   * The roles {@code claims} carries: each string element of an array claim, and each part of a
   * string claim split on the delimiter; in order of first appearance, without duplicates. Other
   * types carry none.
   */
  List<String> roles(Claims claims) {
    if (roleClaims.isEmpty()) {
      return List.of();
    }
    Set<String> roles = new LinkedHashSet<>();
    for (List<String> path : roleClaims) {
      Object value = claims.get(path).orElse(null);
      if (value instanceof String) {
        for (String part : ((String) value).split(java.util.regex.Pattern.quote(roleDelimiter))) {
          if (!part.isEmpty()) {
            roles.add(part);
          }
        }
      } else if (value instanceof List) {
        for (Object item : (List<?>) value) {
          if (item instanceof String && !((String) item).isEmpty()) {
            roles.add((String) item);
          }
        }
      }
    }
    return List.copyOf(roles);
  }

  String name(Claims claims) {
    Object value = claims.get(principalClaim).orElse(null);
    if (value instanceof String && !((String) value).isEmpty()) {
      return (String) value;
    }
    return claims.subject().filter(sub -> !sub.isEmpty()).orElse(MeshIdentity.UNNAMED);
  }

  @Override
  public String toString() {
    return "IdentityMapping[roleClaims="
        + roleClaims
        + ", roleDelimiter='"
        + roleDelimiter
        + "', principalClaim="
        + principalClaim
        + "]";
  }
}
