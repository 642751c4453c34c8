package io.meshguard.core.policy;

/**
 * A policy file that cannot be loaded truthfully. The message names the document (its position,
 * kind and name when known), the line, and the field; a load is all-or-nothing.
 *
 * @since 0.1.0
 */
public final class PolicyLoadException extends IllegalArgumentException {

  private static final long serialVersionUID = 1L;

  private final int document;
  private final int line;
  private final String field;

  PolicyLoadException(int document, String documentName, int line, String field, String problem) {
    super(
        "document "
            + document
            + (documentName.isEmpty() ? "" : " (" + documentName + ")")
            + ", line "
            + line
            + ", "
            + (field.isEmpty() ? "" : field + ": ")
            + problem);
    this.document = document;
    this.line = line;
    this.field = field;
  }

  /** The same refusal, its message prefixed with the file it is in. */
  PolicyLoadException(String source, PolicyLoadException refusal) {
    super(source + ": " + refusal.getMessage());
    this.document = refusal.document;
    this.line = refusal.line;
    this.field = refusal.field;
  }

  /** The 1-based position of the document in the file. */
  public int document() {
    return document;
  }

  /** The 1-based line of the problem, or 0 when unknown. */
  public int line() {
    return line;
  }

  /**
   * The field path, such as {@code spec.rules[0].from[0].source.ipBlocks}; empty for a document.
   */
  public String field() {
    return field;
  }
}
