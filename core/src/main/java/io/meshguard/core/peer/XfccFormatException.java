package io.meshguard.core.peer;

/**
 * Thrown by {@link XfccParser} when a header does not follow Envoy's XFCC grammar. The message is
 * fixed text with a character offset, never the header's content.
 *
 * @since 0.1.0
 */
public final class XfccFormatException extends IllegalArgumentException {

  private static final long serialVersionUID = 1L;

  private final int offset;

  XfccFormatException(String problem, int offset) {
    super(problem + " at offset " + offset);
    this.offset = offset;
  }

  /** The offset in the (comma-joined) header where the problem was found. */
  public int offset() {
    return offset;
  }

  /** No stack trace: hostile headers must cost no more to reject than to accept. */
  @Override
  public synchronized Throwable fillInStackTrace() {
    return this;
  }
}
