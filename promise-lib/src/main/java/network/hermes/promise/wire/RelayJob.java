package network.hermes.promise.wire;

import java.util.Locale;

/**
 * Answer of {@code GET queue/{id}}: {@code {"id","tx_hash","state","error"}}.
 *
 * @param id the queue id
 * @param txHash the transaction hash once sent ({@code 0x} hex), else empty
 * @param state where the job stands
 * @param error why it failed when {@code state} is {@link State#ERROR}, else empty
 */
public record RelayJob(String id, String txHash, State state, String error) {
  /** A job's states; only {@link #DONE} and {@link #ERROR} are final. */
  public enum State {
    /** Accepted, not sent yet (waiting for funds, for its turn, or for a retry). */
    QUEUED,
    /** Broadcast, waiting for its receipt. */
    SENT,
    /** Mined and successful. */
    DONE,
    /** Failed for good; {@code error} says why. */
    ERROR;

    /**
     * The state's wire name.
     *
     * @return e.g. {@code queued}
     */
    public String wireName() {
      return name().toLowerCase(Locale.ROOT);
    }

    /**
     * Whether the job will not change any more.
     *
     * @return true for done and error
     */
    public boolean isFinal() {
      return this == DONE || this == ERROR;
    }
  }

  /**
   * Validates the components.
   *
   * @throws IllegalArgumentException if a component is null
   */
  public RelayJob {
    if (id == null || txHash == null || state == null || error == null) {
      throw new IllegalArgumentException("relay job: fields must not be null");
    }
  }
}
