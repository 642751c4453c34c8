package io.meshguard.core.mesh;

import io.meshguard.core.policy.YamlNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * One Kubernetes document of the manifests: where it is and its envelope.
 *
 * @param source the file it was read from (as given)
 * @param index the document's number in that file (1-based, empty documents not counted)
 * @param root the document
 * @param apiVersion its {@code apiVersion}
 * @param kind its {@code kind}
 * @param namespace its {@code metadata.namespace}, empty when unset
 * @param name its {@code metadata.name}
 */
record Manifest(
    String source,
    int index,
    YamlNode root,
    String apiVersion,
    String kind,
    String namespace,
    String name) {

  /** The API group: the part of {@code apiVersion} before the slash, empty for the core group. */
  String group() {
    int slash = apiVersion.indexOf('/');
    return slash < 0 ? "" : apiVersion.substring(0, slash);
  }

  /** The namespace, or {@code fallback} (where {@code kubectl apply -n} would put it). */
  String namespaceOr(String fallback) {
    return namespace.isEmpty() ? fallback : namespace;
  }

  /** The document as findings name it: {@code file#n Kind namespace/name}. */
  String describe(String fallbackNamespace) {
    // cluster-scoped kinds have no namespace
    String ns = kind.equals("Namespace") ? "" : namespaceOr(fallbackNamespace);
    return source + "#" + index + " " + kind + " " + (ns.isEmpty() ? "" : ns + "/") + name;
  }

  /** The node at a dotted path of mapping keys, or {@code null}. */
  @Nullable YamlNode at(String path) {
    return at(root, path);
  }

  static @Nullable YamlNode at(@Nullable YamlNode node, String path) {
    for (String key : path.split("\\.")) {
      if (node == null || node.kind() != YamlNode.Kind.MAP) {
        return null;
      }
      node = node.get(key);
    }
    return node;
  }

  /** A scalar's text, or {@code null} when absent or not a scalar. */
  static @Nullable String text(@Nullable YamlNode node) {
    return node == null || node.kind() != YamlNode.Kind.SCALAR ? null : node.scalar();
  }

  /** A mapping's scalar values; non-scalars are left out. */
  static Map<String, String> strings(@Nullable YamlNode node) {
    Map<String, String> values = new LinkedHashMap<>();
    for (Map.Entry<String, YamlNode> entry : nodes(node).entrySet()) {
      String text = Manifest.text(entry.getValue());
      if (text != null) {
        values.put(entry.getKey(), text);
      }
    }
    return values;
  }

  static Map<String, YamlNode> nodes(@Nullable YamlNode node) {
    return node == null || node.kind() != YamlNode.Kind.MAP ? Map.of() : node.entries();
  }

  /** A list's scalar and mapping items; empty when absent or not a list. */
  static List<YamlNode> listOf(@Nullable YamlNode node) {
    List<YamlNode> items = new ArrayList<>();
    if (node != null && node.kind() == YamlNode.Kind.LIST) {
      for (YamlNode item : node.items()) {
        if (item.kind() == YamlNode.Kind.SCALAR || item.kind() == YamlNode.Kind.MAP) {
          items.add(item);
        }
      }
    }
    return items;
  }

  /** A list's scalar values; empty when absent or not a list. */
  static List<String> texts(@Nullable YamlNode node) {
    List<String> values = new ArrayList<>();
    for (YamlNode item : listOf(node)) {
      if (item.scalar() != null) {
        values.add(item.scalar());
      }
    }
    return values;
  }
}
