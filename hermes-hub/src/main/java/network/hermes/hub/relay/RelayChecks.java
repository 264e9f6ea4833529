package network.hermes.hub.relay;

import java.math.BigInteger;
import java.util.Objects;
import network.hermes.hub.chain.ChainView;
import network.hermes.hub.core.ChainFacts;
import network.hermes.hub.core.Decision;
import network.hermes.hub.core.Rejection;
import network.hermes.promise.crypto.InvalidSignatureException;
import network.hermes.promise.crypto.Secp256k1;
import network.hermes.promise.ids.ChannelIds;
import network.hermes.promise.message.BeneficiaryChange;
import network.hermes.promise.message.HashlockSecret;
import network.hermes.promise.message.IdentityRegistration;
import network.hermes.promise.message.PayAndSettleAuthorization;
import network.hermes.promise.message.Signable;
import network.hermes.promise.message.StakeReturn;
import network.hermes.promise.message.UnsignedPromise;
import network.hermes.promise.value.Address;
import network.hermes.promise.value.Bytes32;
import network.hermes.promise.value.ChainId;
import network.hermes.promise.value.Signature;
import network.hermes.promise.value.TokenAmount;
import network.hermes.promise.wire.RelayRegistration;
import network.hermes.promise.wire.RelayRequest;
import network.hermes.promise.wire.RelaySettlement;
import network.hermes.promise.wire.RelayStakeDecrease;

/**
 * What the relay checks before it queues a payload, so that it never spends gas on a transaction
 * that cannot succeed and is always paid: the payload is for this hub and chain, its signatures
 * recover to the claimed identity (and the hub promise to the hub's operator), and the amounts make
 * sense against the chain facts. The fee against the quote is checked by the service. Pure (chain
 * facts come from the in-memory view).
 *
 * @param operator the key that signs the hub's promises
 */
public record RelayChecks(
    ChainId chainId,
    Address registry,
    Address hermesId,
    Address operator,
    Secp256k1 secp256k1,
    ChainView chain) {
  public RelayChecks {
    Objects.requireNonNull(registry);
    Objects.requireNonNull(hermesId);
    Objects.requireNonNull(operator);
    Objects.requireNonNull(secp256k1);
    Objects.requireNonNull(chain);
  }

  /** Null when the payload may be queued, else why not. */
  public Decision.Reject<Void> check(RelayRequest p) {
    if (!p.chainId().equals(chainId)) {
      return reject(Rejection.WRONG_CHAIN, "this relay serves chain " + chainId);
    }
    try {
      return switch (p) {
        case RelayRegistration r -> registration(r);
        case RelaySettlement s -> settlement(s);
        case RelayStakeDecrease d -> stakeDecrease(d);
      };
    } catch (InvalidSignatureException e) {
      return reject(Rejection.INVALID_SIGNATURE, "a signature does not recover: " + e.getMessage());
    }
  }

  private Decision.Reject<Void> registration(RelayRegistration r) {
    if (!registry.equals(r.registry())) {
      return reject(
          Rejection.WRONG_HERMES, "registryAddress is not this hub's registry " + registry);
    }
    if (!hermesId.equals(r.hermesId())) {
      return reject(Rejection.WRONG_HERMES, "hermesID is not this hub " + hermesId);
    }
    IdentityRegistration payload =
        new IdentityRegistration(chainId, registry, hermesId, r.stake(), r.fee(), r.beneficiary());
    if (!signedBy(payload, r.signature(), r.identity())) {
      return reject(
          Rejection.INVALID_SIGNATURE, "the registration is not signed by " + r.identity());
    }
    if (chain.consumer(chainId, r.identity()).registered()) {
      return reject(Rejection.ALREADY_REGISTERED, r.identity() + " is already registered");
    }
    ChainFacts.Hermes h = chain.hermes(chainId);
    if (!r.stake().isZero()
        && (r.stake().compareTo(h.minStake()) < 0 || r.stake().compareTo(h.maxStake()) > 0)) {
      return reject(
          Rejection.NOT_SETTLEABLE,
          "stake must be 0 or between " + h.minStake() + " and " + h.maxStake());
    }
    return null;
  }

  private Decision.Reject<Void> settlement(RelaySettlement s) {
    if (!hermesId.equals(s.hermesId())) {
      return reject(Rejection.WRONG_HERMES, "hermesID is not this hub " + hermesId);
    }
    Address identity = s.identity();
    boolean withdrawal = s.kind() == RelaySettlement.Kind.PAY_AND_SETTLE;
    Bytes32 expected =
        withdrawal
            ? ChannelIds.withdrawalChannelId(identity, hermesId)
            : ChannelIds.providerChannelId(identity, hermesId);
    if (!expected.equals(s.channelId())) {
      return reject(
          Rejection.CHANNEL_MISMATCH,
          "channelID is not the "
              + (withdrawal ? "withdrawal" : "provider")
              + " channel of "
              + identity);
    }
    UnsignedPromise promise =
        UnsignedPromise.forProviderChannel(
            chainId, expected, s.amount(), s.fee(), HashlockSecret.of(s.r()).hashlock());
    Address signer = secp256k1.recover(promise.hash(), s.signature());
    if (!signer.equals(operator)) {
      return reject(
          Rejection.INVALID_SIGNATURE,
          "the promise (with keccak(preimage) as hashlock) is not signed by this hub");
    }
    if (s.kind() == RelaySettlement.Kind.SETTLE_WITH_BENEFICIARY) {
      BeneficiaryChange change =
          new BeneficiaryChange(chainId, registry, identity, s.beneficiary(), s.nonce());
      if (!signedBy(change, s.beneficiarySignature(), identity)) {
        return reject(
            Rejection.INVALID_SIGNATURE, "the beneficiary change is not signed by " + identity);
      }
    }
    if (withdrawal) {
      PayAndSettleAuthorization auth =
          new PayAndSettleAuthorization(chainId, expected, s.amount(), s.r(), s.beneficiary());
      if (!signedBy(auth, s.beneficiarySignature(), identity)) {
        return reject(
            Rejection.INVALID_SIGNATURE, "the withdrawal beneficiary is not signed by " + identity);
      }
    }
    BigInteger settled = chain.channel(chainId, expected).settled().toBigInteger();
    BigInteger amount = s.amount().toBigInteger();
    BigInteger fee = s.fee().toBigInteger();
    BigInteger unpaid = amount.subtract(settled);
    if (unpaid.signum() <= 0) {
      return reject(
          Rejection.NOT_SETTLEABLE,
          "the channel has settled " + settled + " already: nothing to settle");
    }
    BigInteger hubFee =
        withdrawal ? BigInteger.ZERO : hermesFee(unpaid, chain.hermes(chainId).feeBps());
    if (unpaid.compareTo(fee) <= 0 || unpaid.compareTo(fee.add(hubFee)) < 0) {
      return reject(
          Rejection.NOT_SETTLEABLE,
          "the unsettled "
              + unpaid
              + " does not cover the transactor fee "
              + fee
              + " and the hub fee "
              + hubFee);
    }
    return null;
  }

  private Decision.Reject<Void> stakeDecrease(RelayStakeDecrease d) {
    if (!hermesId.equals(d.hermesId())) {
      return reject(Rejection.WRONG_HERMES, "hermesID is not this hub " + hermesId);
    }
    Bytes32 channel = ChannelIds.providerChannelId(d.identity(), hermesId);
    StakeReturn payload = new StakeReturn(chainId, channel, d.amount(), d.fee(), d.nonce());
    if (!signedBy(payload, d.signature(), d.identity())) {
      return reject(
          Rejection.INVALID_SIGNATURE, "the stake return is not signed by " + d.identity());
    }
    TokenAmount stake = chain.channel(chainId, channel).stake();
    if (d.amount().compareTo(stake) > 0 || d.amount().compareTo(d.fee()) < 0) {
      return reject(
          Rejection.NOT_SETTLEABLE,
          "the amount must be between the fee " + d.fee() + " and the stake " + stake);
    }
    BigInteger left = stake.toBigInteger().subtract(d.amount().toBigInteger());
    if (left.signum() > 0 && left.compareTo(chain.hermes(chainId).minStake().toBigInteger()) < 0) {
      return reject(Rejection.NOT_SETTLEABLE, "the stake left must be 0 or at least the minimum");
    }
    return null;
  }

  /** The hub fee the contract keeps: ceil(floor(x · bps / 100) / 100). */
  public static BigInteger hermesFee(BigInteger amount, int feeBps) {
    BigInteger t = amount.multiply(BigInteger.valueOf(feeBps)).divide(BigInteger.valueOf(100));
    return t.add(BigInteger.valueOf(99)).divide(BigInteger.valueOf(100));
  }

  private boolean signedBy(Signable payload, Signature signature, Address identity) {
    return secp256k1.recover(payload.hash(), signature).equals(identity);
  }

  private static Decision.Reject<Void> reject(Rejection r, String message) {
    return new Decision.Reject<>(r, message, null);
  }
}
