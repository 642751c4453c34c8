package io.meshguard.core.config;

import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * A setting has a value meshguard cannot use. The message names the key in the adapter's own
 * spelling ({@code meshguard.issuers}, {@code quarkus.meshguard.issuers}) and the reason, never
 * more of the value than the application's own configuration holds.
 *
 * @since 0.1.0
 */
public class InvalidSettingException extends IllegalArgumentException {

  private static final long serialVersionUID = 1L;

  private final String key;

  /**
   * An invalid setting.
   *
   * @param key the full key, prefix included
   * @param reason what is wrong: a predicate ({@code "must be true or false"}) or, after a colon, a
   *     cause ({@code ": cannot read /etc/policy.yaml"})
   */
  public InvalidSettingException(String key, String reason) {
    this(key, reason, null);
  }

  /**
   * An invalid setting, with the exception that showed it.
   *
   * @param key the full key, prefix included
   * @param reason as in {@link #InvalidSettingException(String, String)}
   * @param cause the exception that showed it, or {@code null}
   */
  public InvalidSettingException(String key, String reason, @Nullable Throwable cause) {
    this(key, message(key, reason), cause, true);
  }

  private InvalidSettingException(
      String key, String message, @Nullable Throwable cause, boolean unused) {
    super(message, cause);
    this.key = key;
  }

  /** A key with the adapter's prefix that names no setting. */
  static InvalidSettingException unknown(String key) {
    return new InvalidSettingException(key, "Unknown setting " + key, null, true);
  }

  /** The full key, prefix included. */
  public String key() {
    return key;
  }

  static String message(String key, String reason) {
    Objects.requireNonNull(key, "key");
    return "Setting " + key + (reason.startsWith(":") ? "" : " ") + reason;
  }
}
