package io.meshguard.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import io.meshguard.core.claims.Claims;
import io.meshguard.core.payload.PayloadDecoder;
import io.meshguard.core.payload.PayloadResult;
import io.meshguard.core.peer.PeerAbsence;
import io.meshguard.core.peer.PeerResult;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class IdentityMappingTests {

  private static final PeerResult NO_PEER = PeerResult.Absent.of(PeerAbsence.NOT_CONFIGURED);

  private static Claims claims(String json) {
    PayloadResult result = PayloadDecoder.defaults().decode(TestPayloads.unpadded(json));
    assertThat(result).isInstanceOf(PayloadResult.Decoded.class);
    return ((PayloadResult.Decoded) result).claims();
  }

  @ParameterizedTest(name = "{0} with {1} -> {3}")
  @CsvSource(
      delimiter = '|',
      value = {
        // role claims | delimiter | payload | roles
        "roles | ' ' | {\"roles\":[\"admin\",\"user\",\"admin\"]} | admin,user",
        "roles | ' ' | {\"roles\":\"admin user  ops\"} | admin,user,ops",
        "roles | ',' | {\"roles\":\"admin,user\"} | admin,user",
        "[realm_access][roles] | ' ' | {\"realm_access\":{\"roles\":[\"admin\"]}} | admin",
        "groups;roles | ' ' | {\"roles\":[\"b\"],\"groups\":[\"a\",\"b\"]} | a,b",
        "roles | ' ' | {\"roles\":[1,true,{},\"ok\",\"\"]} | ok",
        "roles | ' ' | {\"roles\":42} | ''",
        "roles | ' ' | {} | ''",
        "[realm_access][roles] | ' ' | {\"realm_access.roles\":[\"x\"]} | ''",
      })
  void rolesWhenClaimsCarryThemThenInOrderWithoutDuplicates(
      String roleClaims, String delimiter, String json, String expected) {
    IdentityMapping mapping = IdentityMapping.of(List.of(roleClaims.split(";")), delimiter, "sub");
    List<String> roles = mapping.identity(claims(json), NO_PEER).roles();
    assertThat(roles)
        .containsExactlyElementsOf(expected.isEmpty() ? List.of() : List.of(expected.split(",")));
  }

  @ParameterizedTest(name = "{0} in {1} -> {2}")
  @CsvSource(
      delimiter = '|',
      value = {
        "sub | {\"sub\":\"alice\"} | alice",
        "preferred_username | {\"sub\":\"u-1\",\"preferred_username\":\"alice\"} | alice",
        "preferred_username | {\"sub\":\"u-1\"} | u-1",
        "preferred_username | {\"sub\":\"u-1\",\"preferred_username\":\"\"} | u-1",
        "preferred_username | {\"sub\":\"u-1\",\"preferred_username\":7} | u-1",
        "[ext][name] | {\"sub\":\"u-1\",\"ext\":{\"name\":\"alice\"}} | alice",
        "email | {} | (unnamed)",
        "sub | {} | (unnamed)",
      })
  void nameWhenPrincipalClaimPresentThenItElseSubElseUnnamed(
      String principalClaim, String json, String expected) {
    MeshIdentity identity =
        IdentityMapping.of(List.of(), " ", principalClaim).identity(claims(json), NO_PEER);
    assertThat(identity.getName()).isEqualTo(expected).isNotEmpty();
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "[]", "[a][]", "a]", "[a"})
  void ofWhenClaimPathInvalidThenRefused(String path) {
    assertThatIllegalArgumentException()
        .isThrownBy(() -> IdentityMapping.of(List.of(path), " ", "sub"));
    assertThatIllegalArgumentException().isThrownBy(() -> IdentityMapping.of(List.of(), " ", path));
  }

  @ParameterizedTest
  @ValueSource(strings = {""})
  void ofWhenDelimiterEmptyThenRefused(String delimiter) {
    assertThatIllegalArgumentException()
        .isThrownBy(() -> IdentityMapping.of(List.of("roles"), delimiter, "sub"));
  }
}
