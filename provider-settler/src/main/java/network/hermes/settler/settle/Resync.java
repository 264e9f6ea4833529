package network.hermes.settler.settle;

import java.math.BigInteger;
import java.security.SecureRandom;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Consumer;
import network.hermes.contracts.chain.ChainException;
import network.hermes.promise.crypto.KeySigner;
import network.hermes.promise.crypto.PrivateKey;
import network.hermes.promise.crypto.Secp256k1;
import network.hermes.promise.message.HashlockSecret;
import network.hermes.promise.message.Promise;
import network.hermes.promise.recovery.RRecovery;
import network.hermes.promise.recovery.RecoveryDetails;
import network.hermes.promise.value.Address;
import network.hermes.promise.value.Bytes32;
import network.hermes.promise.value.TokenAmount;
import network.hermes.promise.wire.RefreshPromiseRequest;
import network.hermes.promise.wire.RevealRequest;
import network.hermes.settler.ChannelKind;
import network.hermes.settler.Myst;
import network.hermes.settler.policy.Refusal;
import network.hermes.settler.store.EarnedPromise;
import network.hermes.settler.store.EarningsStore;

/**
 * Brings the local store and the hub back to the same latest promise after either lost state:
 *
 * <ul>
 *   <li>the hub has less (it lost data): {@code provider/sync_promise} with the stored promise,
 *       then its R revealed;
 *   <li>the hub has more (the store was lost or is behind): {@code refresh_promise} with a fresh R,
 *       so the hub re-issues its latest amount under that R's hashlock; it is stored, then
 *       revealed;
 *   <li>the same amount under another hashlock: {@code refresh_promise} with the stored hashlock,
 *       so that the hub's latest is the stored one again.
 * </ul>
 *
 * The hub's answers are checked against the hub's operator key before anything is stored. A refresh
 * re-locks the hub's latest amount: if that promise was still waiting for its R, the hub can no
 * longer settle the consumer promise behind it, so a provider that still has the R should reveal it
 * (see {@link #adoptRecoveredR}) instead.
 */
public final class Resync {
  private final SettlerChain chain;
  private final SettlerHub hub;
  private final EarningsStore store;
  private final Secp256k1 secp256k1;
  private final SecureRandom random;
  private final Consumer<String> progress;

  /** What a resynchronisation did. */
  public enum Action {
    /** Neither side has a promise. */
    NOTHING,
    /** Both sides hold the same latest promise. */
    IN_SYNC,
    /** The hub had less and was given the stored promise. */
    SYNCED_TO_HUB,
    /** The store had less and now holds the hub's latest amount under a fresh R. */
    RECOVERED_FROM_HUB,
    /** The hub's latest had the stored amount under another hashlock; it now has the stored one. */
    REALIGNED
  }

  /**
   * The outcome.
   *
   * @param action what was done
   * @param localBefore the stored amount before (zero when none)
   * @param hubBefore the hub's amount before (zero when none)
   * @param settled what the chain has settled on the channel
   * @param stored the promise stored now, or empty
   */
  public record Result(
      Action action,
      TokenAmount localBefore,
      TokenAmount hubBefore,
      TokenAmount settled,
      Optional<EarnedPromise> stored) {}

  /**
   * Creates the resynchroniser.
   *
   * @param chain the chain port
   * @param hub the hub port
   * @param store the earnings store
   * @param secp256k1 to check the hub's signatures
   * @param random for fresh R
   * @param progress told one line per step
   */
  public Resync(
      SettlerChain chain,
      SettlerHub hub,
      EarningsStore store,
      Secp256k1 secp256k1,
      SecureRandom random,
      Consumer<String> progress) {
    this.chain = Objects.requireNonNull(chain, "chain");
    this.hub = Objects.requireNonNull(hub, "hub");
    this.store = Objects.requireNonNull(store, "store");
    this.secp256k1 = Objects.requireNonNull(secp256k1, "secp256k1");
    this.random = Objects.requireNonNull(random, "random");
    this.progress = Objects.requireNonNull(progress, "progress");
  }

  /**
   * What to do, from the two sides' latest promises (pure).
   *
   * @param local the stored amount and hashlock, or null
   * @param hubLatest the hub's amount and hashlock, or null
   * @return the action to take
   */
  public static Action decide(Promise local, Promise hubLatest) {
    TokenAmount l = local == null ? TokenAmount.ZERO : local.amount();
    TokenAmount h = hubLatest == null ? TokenAmount.ZERO : hubLatest.amount();
    int order = l.compareTo(h);
    if (order > 0) {
      return Action.SYNCED_TO_HUB;
    }
    if (order < 0) {
      return Action.RECOVERED_FROM_HUB;
    }
    if (l.isZero()) {
      return Action.NOTHING;
    }
    return local.hashlock().equals(hubLatest.hashlock()) ? Action.IN_SYNC : Action.REALIGNED;
  }

  /**
   * Resynchronises one of the identity's channels with the hub.
   *
   * @param identityKey the identity's key (signs the requests; its R-recovery key encrypts R)
   * @param kind which channel
   * @return what was done
   * @throws SettlementRefusedException with {@link Refusal#BAD_HUB_ANSWER} when the hub's promise
   *     is not signed by its operator or not what was asked for, or with {@link Refusal#NO_PROMISE}
   *     when the hub has more on a withdrawal channel (which cannot be refreshed)
   * @throws HubCallException when the hub refuses or cannot be reached
   * @throws ChainException when the chain cannot be read
   */
  public Result resync(PrivateKey identityKey, ChannelKind kind) {
    KeySigner signer = new KeySigner(identityKey, secp256k1);
    Address identity = signer.address();
    Bytes32 channelId = kind.channelId(identity, chain.hermesId());
    Address operator = chain.hermes().operator();
    TokenAmount settled = chain.channel(channelId).settled();
    Optional<EarnedPromise> local = store.latest(chain.chainId(), chain.hermesId(), channelId);
    Optional<Promise> remote = hub.latestPromise(identity, chain.chainId(), kind);
    if (remote.isPresent()) {
      checkHubPromise(remote.get(), channelId, operator, "the hub's latest promise");
    }
    Promise localPromise = local.map(EarnedPromise::promise).orElse(null);
    Promise hubPromise = remote.orElse(null);
    TokenAmount localBefore = localPromise == null ? TokenAmount.ZERO : localPromise.amount();
    TokenAmount hubBefore = hubPromise == null ? TokenAmount.ZERO : hubPromise.amount();
    Action action = decide(localPromise, hubPromise);
    Optional<EarnedPromise> stored = local;
    switch (action) {
      case NOTHING, IN_SYNC -> {}
      case SYNCED_TO_HUB -> {
        progress.accept(
            "the hub has "
                + Myst.format(hubBefore)
                + ", the store "
                + Myst.format(localBefore)
                + ": restoring the hub's copy");
        hub.syncPromise(signer, localPromise.withR(null));
        reveal(new RevealRequest(localPromise.r(), identity, null));
      }
      case RECOVERED_FROM_HUB -> {
        if (kind != ChannelKind.EARNINGS) {
          throw new SettlementRefusedException(
              Refusal.NO_PROMISE,
              "the hub holds a withdrawal promise of "
                  + Myst.format(hubBefore)
                  + " that is not stored here; a withdrawal promise cannot be re-issued");
        }
        progress.accept(
            "the hub has "
                + Myst.format(hubBefore)
                + ", the store "
                + Myst.format(localBefore)
                + ": asking for a fresh copy");
        stored =
            Optional.of(
                relock(
                    identityKey,
                    signer,
                    channelId,
                    hubPromise,
                    HashlockSecret.random(random),
                    operator));
      }
      case REALIGNED -> {
        progress.accept(
            "the hub's latest promise has another hashlock: re-locking it with the stored R");
        stored =
            Optional.of(
                relock(
                    identityKey,
                    signer,
                    channelId,
                    hubPromise,
                    HashlockSecret.of(localPromise.r()),
                    operator));
      }
    }
    return new Result(action, localBefore, hubBefore, settled, stored);
  }

  /**
   * Adopts an R the hub handed back in the {@code data} of an {@code r recovery required} answer:
   * decrypts it, checks that it unlocks the hub's latest promise, stores that promise with it and
   * reveals it.
   *
   * @param identityKey the identity's key
   * @param recoveryData the encrypted recovery data, hex
   * @return the promise stored
   * @throws network.hermes.promise.recovery.InvalidRecoveryDataException when the data cannot be
   *     decrypted with this key
   * @throws SettlementRefusedException with {@link Refusal#BAD_HUB_ANSWER} when the recovered R
   *     does not unlock the hub's latest promise, or the hub has none
   */
  public EarnedPromise adoptRecoveredR(PrivateKey identityKey, String recoveryData) {
    Address identity = new KeySigner(identityKey, secp256k1).address();
    RecoveryDetails details = RRecovery.forKey(identityKey).decrypt(recoveryData);
    Bytes32 r = details.rValue();
    Bytes32 channelId = ChannelKind.EARNINGS.channelId(identity, chain.hermesId());
    Promise latest =
        hub.latestPromise(identity, chain.chainId(), ChannelKind.EARNINGS)
            .orElseThrow(
                () ->
                    new SettlementRefusedException(
                        Refusal.BAD_HUB_ANSWER,
                        "the hub has no promise the recovered R belongs to"));
    checkHubPromise(latest, channelId, chain.hermes().operator(), "the hub's latest promise");
    if (!HashlockSecret.of(r).hashlock().equals(latest.hashlock())) {
      throw new SettlementRefusedException(
          Refusal.BAD_HUB_ANSWER,
          "the recovered R does not unlock the hub's latest promise " + latest.hashlock());
    }
    EarnedPromise earned =
        new EarnedPromise(chain.hermesId(), identity, ChannelKind.EARNINGS, latest.withR(r));
    store.put(earned);
    reveal(new RevealRequest(r, identity, details.agreementId()));
    return earned;
  }

  private EarnedPromise relock(
      PrivateKey key,
      KeySigner signer,
      Bytes32 channelId,
      Promise hubPromise,
      HashlockSecret secret,
      Address operator) {
    Address identity = signer.address();
    String recovery =
        RRecovery.forKey(key).encrypt(RecoveryDetails.of(secret.r(), BigInteger.ZERO), random);
    Promise answer =
        hub.refreshPromise(
            signer,
            new RefreshPromiseRequest(chain.chainId(), identity, secret.hashlock(), recovery));
    checkHubPromise(answer, channelId, operator, "the refreshed promise");
    if (!answer.amount().equals(hubPromise.amount())
        || !answer.hashlock().equals(secret.hashlock())) {
      throw new SettlementRefusedException(
          Refusal.BAD_HUB_ANSWER,
          "the hub refreshed another promise than asked (amount "
              + answer.amount()
              + ", hashlock "
              + answer.hashlock()
              + ")");
    }
    EarnedPromise earned =
        new EarnedPromise(
            chain.hermesId(), identity, ChannelKind.EARNINGS, answer.withR(secret.r()));
    // on disk before the reveal, so that a crash cannot leave the hub with a promise we lack
    store.put(earned);
    reveal(new RevealRequest(secret.r(), identity, null));
    return earned;
  }

  private void reveal(RevealRequest request) {
    try {
      hub.revealR(request);
    } catch (HubCallException e) {
      if (!e.is(SettlerHub.NO_PREVIOUS_PROMISE)) {
        throw e;
      }
    }
  }

  private void checkHubPromise(Promise p, Bytes32 channelId, Address operator, String what) {
    if (!p.chainId().equals(chain.chainId()) || !p.channelId().equals(channelId)) {
      throw new SettlementRefusedException(
          Refusal.BAD_HUB_ANSWER, what + " is for another chain or channel");
    }
    if (!p.isSignedBy(operator, secp256k1)) {
      throw new SettlementRefusedException(
          Refusal.BAD_HUB_ANSWER, what + " is not signed by the hub's operator " + operator);
    }
  }
}
