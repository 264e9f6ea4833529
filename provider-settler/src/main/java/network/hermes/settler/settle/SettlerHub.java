package network.hermes.settler.settle;

import java.time.Duration;
import java.util.Optional;
import java.util.function.Consumer;
import network.hermes.promise.crypto.Signer;
import network.hermes.promise.message.Promise;
import network.hermes.promise.value.Address;
import network.hermes.promise.value.ChainId;
import network.hermes.promise.value.TokenAmount;
import network.hermes.promise.wire.RefreshPromiseRequest;
import network.hermes.promise.wire.RelayFeeQuote;
import network.hermes.promise.wire.RelayJob;
import network.hermes.promise.wire.RelaySettlement;
import network.hermes.promise.wire.RevealRequest;
import network.hermes.settler.ChannelKind;

/**
 * What settling needs from the hub, over its HTTP API. Every method blocks and throws {@link
 * HubCallException} when the hub refuses or cannot be reached.
 */
public interface SettlerHub {
  /** Cause the hub answers when a promise given to it is not its latest on the channel. */
  String NOT_LATEST = "promise is not the latest";

  /** Cause the hub answers when a relay payload's fee is below every valid quote. */
  String FEE_BELOW_QUOTE = "fee below quote";

  /** Cause the hub answers to a reveal with nothing pending (safe to treat as done). */
  String NO_PREVIOUS_PROMISE = "no previous promise found";

  /** Cause the hub answers when it knows nothing of an identity or channel. */
  String NOT_FOUND = "resource not found";

  /**
   * The relay's current fee for a settlement ({@code GET fee/{chain}/settle}).
   *
   * @param chainId the chain
   * @return the quote
   */
  RelayFeeQuote settleFee(ChainId chainId);

  /**
   * Has the hub re-sign its latest promise with another transactor fee ({@code
   * change_promise_fee}).
   *
   * @param latest the hub's latest promise on the channel
   * @param newFee the fee it should carry
   * @return the re-signed promise, as the hub answered it (not yet checked)
   */
  Promise changePromiseFee(Promise latest, TokenAmount newFee);

  /**
   * Queues a settlement with the relay.
   *
   * @param settlement the signed payload
   * @return the relay's queue id
   */
  String submitSettlement(RelaySettlement settlement);

  /**
   * Polls a relay job until it is done or failed.
   *
   * @param jobId the queue id
   * @param timeout how long to wait in all
   * @param progress told every state seen
   * @return the final job, or the last one seen when the timeout passed
   */
  RelayJob awaitJob(String jobId, Duration timeout, Consumer<RelayJob> progress);

  /**
   * The hub's latest promise on one of an identity's channels ({@code data/provider/{id}} or {@code
   * .../withdrawal}).
   *
   * @param identity the identity
   * @param chainId the chain
   * @param kind which channel
   * @return the promise without R (not yet checked), or empty when the hub has none
   */
  Optional<Promise> latestPromise(Address identity, ChainId chainId, ChannelKind kind);

  /**
   * Restores the hub's latest promise from the provider's copy ({@code provider/sync_promise},
   * signed by the identity).
   *
   * @param identity the provider's signer
   * @param promise the stored hub promise
   */
  void syncPromise(Signer identity, Promise promise);

  /**
   * Re-issues the hub's latest amount under a new hashlock ({@code refresh_promise}, signed by the
   * identity).
   *
   * @param identity the provider's signer
   * @param request the new hashlock and its recovery data
   * @return the promise, as the hub answered it (not yet checked)
   */
  Promise refreshPromise(Signer identity, RefreshPromiseRequest request);

  /**
   * Reveals R to the hub ({@code reveal_r}).
   *
   * @param request R, the provider and the agreement (null after a refresh)
   */
  void revealR(RevealRequest request);
}
