package io.meshguard.core.mesh;

/**
 * Mesh manifests that cannot be read: not YAML, or a YAML construct meshguard refuses (anchors,
 * aliases, merge keys, tags), or a document that is not a mapping.
 *
 * @since 0.1.0
 */
public final class MeshManifestException extends IllegalArgumentException {

  private static final long serialVersionUID = 1L;

  private final String source;
  private final int line;

  MeshManifestException(String source, int document, int line, String problem) {
    super(
        source
            + (document > 0 ? " document " + document : "")
            + (line > 0 ? " line " + line : "")
            + ": "
            + problem);
    this.source = source;
    this.line = line;
  }

  /** The file (as given) that cannot be read. */
  public String source() {
    return source;
  }

  /** The line (1-based), or 0 when unknown. */
  public int line() {
    return line;
  }
}
