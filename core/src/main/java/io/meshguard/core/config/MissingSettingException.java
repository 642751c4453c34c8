package io.meshguard.core.config;

/**
 * A required setting is missing. The message names the key in the adapter's own spelling.
 *
 * @since 0.1.0
 */
public class MissingSettingException extends IllegalStateException {

  private static final long serialVersionUID = 1L;

  private final String key;

  /**
   * A missing setting.
   *
   * @param key the full key, prefix included
   * @param reason when it is required ({@code "is required with meshguard.policy-file"})
   */
  public MissingSettingException(String key, String reason) {
    super(InvalidSettingException.message(key, reason));
    this.key = key;
  }

  /** The full key, prefix included. */
  public String key() {
    return key;
  }
}
