package network.hermes.hub.core;

import java.math.BigInteger;
import java.util.Objects;
import network.hermes.promise.message.Promise;
import network.hermes.promise.value.Address;
import network.hermes.promise.value.ChainId;
import network.hermes.promise.value.TokenAmount;

/**
 * A parsed {@code request_promise} or {@code pay_and_settle} body whose signatures have been
 * recovered at the edge (the core never touches crypto).
 *
 * @param emSigner address recovered from the exchange message signature
 * @param promiseSigner address recovered from the consumer promise signature
 * @param hermesId the EM's HermesID, null for the legacy layout without it
 * @param promise the consumer promise exactly as received (v as given, R dropped)
 * @param withdrawal true for {@code pay_and_settle}
 */
public record PromiseRequest(
    ChainId emChainId,
    Address hermesId,
    Address emSigner,
    Address promiseSigner,
    Address provider,
    BigInteger agreementId,
    TokenAmount agreementTotal,
    Promise promise,
    TokenAmount transactorFee,
    String rRecoveryData,
    boolean withdrawal) {
  public PromiseRequest {
    Objects.requireNonNull(emChainId);
    Objects.requireNonNull(emSigner);
    Objects.requireNonNull(promiseSigner);
    Objects.requireNonNull(provider);
    Amounts.requireNonNegative(agreementId, "agreementId");
    Objects.requireNonNull(agreementTotal);
    Objects.requireNonNull(promise);
    Objects.requireNonNull(transactorFee);
  }

  /** The consumer is whoever signed the exchange message. */
  public Address consumer() {
    return emSigner;
  }

  public ChannelKind outputKind() {
    return withdrawal ? ChannelKind.WITHDRAWAL : ChannelKind.EARNINGS;
  }
}
