package network.hermes.contracts.chain;

import java.util.List;
import java.util.Objects;
import network.hermes.promise.message.Promise;
import network.hermes.promise.value.Address;
import network.hermes.promise.value.Bytes32;
import network.hermes.promise.value.Signature;
import network.hermes.promise.value.TokenAmount;

/**
 * A transaction a {@link ChainWriter} can send, by what it does: the chain port's vocabulary of
 * writes. {@link ChainWriter#send(TxRequest)} broadcasts one and returns at once with its hash; the
 * named methods of {@link ChainWriter} send one and wait for its receipt.
 */
public sealed interface TxRequest {
  /** What the transaction does, for messages. */
  String what();

  /** Transfers MYST. */
  record TransferToken(Address to, TokenAmount amount) implements TxRequest {
    public TransferToken {
      Objects.requireNonNull(to, "to");
      Objects.requireNonNull(amount, "amount");
    }

    @Override
    public String what() {
      return "transfer MYST";
    }
  }

  /** Transfers native coin. */
  record TransferNative(Address to, TokenAmount amount) implements TxRequest {
    public TransferNative {
      Objects.requireNonNull(to, "to");
      Objects.requireNonNull(amount, "amount");
    }

    @Override
    public String what() {
      return "transfer native coin";
    }
  }

  /** Approves a spender for MYST. */
  record ApproveToken(Address spender, TokenAmount amount) implements TxRequest {
    public ApproveToken {
      Objects.requireNonNull(spender, "spender");
      Objects.requireNonNull(amount, "amount");
    }

    @Override
    public String what() {
      return "approve MYST";
    }
  }

  /** Mints MYST: test networks only, where the sender is the token's upgrade master. */
  record MintToken(Address to, TokenAmount amount) implements TxRequest {
    public MintToken {
      Objects.requireNonNull(to, "to");
      Objects.requireNonNull(amount, "amount");
    }

    @Override
    public String what() {
      return "mint MYST";
    }
  }

  /** Registers an identity at the deployment's hub with a P1 signature made by the identity. */
  record RegisterIdentity(
      TokenAmount stake,
      TokenAmount transactorFee,
      Address beneficiary,
      Signature registrationSignature)
      implements TxRequest {
    public RegisterIdentity {
      Objects.requireNonNull(stake, "stake");
      Objects.requireNonNull(transactorFee, "transactorFee");
      Objects.requireNonNull(beneficiary, "beneficiary");
      Objects.requireNonNull(registrationSignature, "registrationSignature");
    }

    @Override
    public String what() {
      return "register an identity";
    }
  }

  /** Settles a consumer promise (P5) on its channel. */
  record SettleConsumerPromise(Address channel, Promise promise, Bytes32 r) implements TxRequest {
    public SettleConsumerPromise {
      Objects.requireNonNull(channel, "channel");
      Objects.requireNonNull(promise, "promise");
      Objects.requireNonNull(r, "r");
    }

    @Override
    public String what() {
      return "settle a consumer promise";
    }
  }

  /**
   * Settles many consumer promises into the hub contract in one transaction; failures are skipped
   * and reported by the contract's ChannelSettlementFailed event.
   */
  record SettleConsumerPromises(List<ChannelSettlement> settlements) implements TxRequest {
    public SettleConsumerPromises {
      settlements = List.copyOf(settlements);
    }

    @Override
    public String what() {
      return "settle " + settlements.size() + " consumer promises";
    }
  }

  /** Settles a hub promise (P6) to the provider identity's beneficiary. */
  record SettleProviderPromise(Address identity, Promise promise, Bytes32 r) implements TxRequest {
    public SettleProviderPromise {
      Objects.requireNonNull(identity, "identity");
      Objects.requireNonNull(promise, "promise");
      Objects.requireNonNull(r, "r");
    }

    @Override
    public String what() {
      return "settle a hub promise";
    }
  }

  /** Settles a hub promise and changes the beneficiary (P3 signed by the identity) at once. */
  record SettleWithBeneficiary(
      Address identity,
      Promise promise,
      Bytes32 r,
      Address newBeneficiary,
      Signature beneficiarySignature)
      implements TxRequest {
    public SettleWithBeneficiary {
      Objects.requireNonNull(identity, "identity");
      Objects.requireNonNull(promise, "promise");
      Objects.requireNonNull(r, "r");
      Objects.requireNonNull(newBeneficiary, "newBeneficiary");
      Objects.requireNonNull(beneficiarySignature, "beneficiarySignature");
    }

    @Override
    public String what() {
      return "settle a hub promise with a new beneficiary";
    }
  }

  /** Settles a hub promise into the provider's stake. */
  record SettleIntoStake(Address identity, Promise promise, Bytes32 r) implements TxRequest {
    public SettleIntoStake {
      Objects.requireNonNull(identity, "identity");
      Objects.requireNonNull(promise, "promise");
      Objects.requireNonNull(r, "r");
    }

    @Override
    public String what() {
      return "settle a hub promise into stake";
    }
  }

  /** Pays a withdrawal-channel promise to a beneficiary the identity authorised (P9). */
  record PayAndSettle(
      Address identity,
      Promise promise,
      Bytes32 r,
      Address beneficiary,
      Signature beneficiarySignature)
      implements TxRequest {
    public PayAndSettle {
      Objects.requireNonNull(identity, "identity");
      Objects.requireNonNull(promise, "promise");
      Objects.requireNonNull(r, "r");
      Objects.requireNonNull(beneficiary, "beneficiary");
      Objects.requireNonNull(beneficiarySignature, "beneficiarySignature");
    }

    @Override
    public String what() {
      return "pay and settle a withdrawal";
    }
  }

  /** Returns part of a provider's stake (P10 signed by the identity). */
  record DecreaseStake(
      Address identity, TokenAmount amount, TokenAmount transactorFee, Signature signature)
      implements TxRequest {
    public DecreaseStake {
      Objects.requireNonNull(identity, "identity");
      Objects.requireNonNull(amount, "amount");
      Objects.requireNonNull(transactorFee, "transactorFee");
      Objects.requireNonNull(signature, "signature");
    }

    @Override
    public String what() {
      return "decrease a stake";
    }
  }

  /** Starts a consumer's unilateral exit (P11 signed by the identity). */
  record RequestExit(Address channel, Address beneficiary, long validUntil, Signature signature)
      implements TxRequest {
    public RequestExit {
      Objects.requireNonNull(channel, "channel");
      Objects.requireNonNull(beneficiary, "beneficiary");
      Objects.requireNonNull(signature, "signature");
    }

    @Override
    public String what() {
      return "request an exit";
    }
  }

  /** Completes a unilateral exit once its time lock has passed. */
  record FinalizeExit(Address channel) implements TxRequest {
    public FinalizeExit {
      Objects.requireNonNull(channel, "channel");
    }

    @Override
    public String what() {
      return "finalize an exit";
    }
  }

  /** Sets the hub's public URL in the Registry (P4 signed by the hub's operator). */
  record UpdateHermesUrl(String url, Signature signature) implements TxRequest {
    public UpdateHermesUrl {
      Objects.requireNonNull(url, "url");
      Objects.requireNonNull(signature, "signature");
    }

    @Override
    public String what() {
      return "update the hub's URL";
    }
  }
}
