package network.hermes.promise.wire;

/**
 * The hub's error body: {@code {"cause":"<exact cause>","message":"<text>","data":"<optional>"}}.
 * Clients branch on {@code cause} only.
 *
 * @param cause the machine-readable cause string
 * @param message human-readable text
 * @param data optional payload (for {@code r recovery required}: the recovery data), or null
 */
public record ErrorBody(String cause, String message, String data) {
  /**
   * Validates the components.
   *
   * @throws IllegalArgumentException if cause or message is null
   */
  public ErrorBody {
    if (cause == null || message == null) {
      throw new IllegalArgumentException("error body: cause and message must not be null");
    }
  }
}
