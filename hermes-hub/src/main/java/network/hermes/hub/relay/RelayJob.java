package network.hermes.hub.relay;

import java.time.Instant;
import network.hermes.promise.wire.RelayRequest;

/**
 * A queued relay transaction and where it stands.
 *
 * @param payload the signed request, or null when this hub version cannot read what was stored
 * @param state queued, sent (broadcast, waiting for its receipt), done (mined, successful) or error
 *     (will not be sent again; {@code error} says why)
 */
public record RelayJob(
    String id,
    long chainId,
    JobKind kind,
    String identity,
    RelayRequest payload,
    String state,
    String txHash,
    String error,
    int attempts,
    Instant createdAt) {
  public static final String QUEUED = "queued";
  public static final String SENT = "sent";
  public static final String DONE = "done";
  public static final String ERROR = "error";
}
