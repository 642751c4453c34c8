/**
 * Mesh alignment: whether the Istio manifests a team keeps in Git give the application the
 * precondition meshguard rests on — only the sidecar can have written the identity headers it
 * reads. {@link io.meshguard.core.mesh.MeshManifests} reads the manifests (RequestAuthentication,
 * PeerAuthentication, AuthorizationPolicy, Namespaces and workload templates with their
 * annotations); {@link io.meshguard.core.mesh.AlignmentCheck} compares them with the workload and
 * the application's trust settings ({@link io.meshguard.core.mesh.ApplicationTrust}) and reports
 * {@link io.meshguard.core.mesh.Finding findings}, each with where it is and how to fix it.
 *
 * @see <a
 *     href="https://istio.io/latest/docs/reference/config/security/request_authentication/">Istio
 *     RequestAuthentication</a>
 * @see <a href="https://istio.io/latest/docs/reference/config/security/peer_authentication/">Istio
 *     PeerAuthentication</a>
 * @see <a href="https://istio.io/latest/docs/reference/config/annotations/">Istio resource
 *     annotations</a>
 */
@NullMarked
package io.meshguard.core.mesh;

import org.jspecify.annotations.NullMarked;
