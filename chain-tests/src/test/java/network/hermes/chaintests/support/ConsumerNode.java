package network.hermes.chaintests.support;

import java.math.BigInteger;
import java.util.HashMap;
import java.util.Map;
import network.hermes.contracts.deploy.Deployment;
import network.hermes.promise.crypto.KeySigner;
import network.hermes.promise.crypto.PrivateKey;
import network.hermes.promise.crypto.Secp256k1s;
import network.hermes.promise.ids.ChannelIds;
import network.hermes.promise.message.ExchangeMessage;
import network.hermes.promise.message.Invoice;
import network.hermes.promise.message.UnsignedPromise;
import network.hermes.promise.value.Address;
import network.hermes.promise.value.TokenAmount;

/**
 * A consumer paying invoices as a consumer node does: one cumulative promise over every agreement
 * with this hub (its grand total), wrapped in an exchange message per invoice. It remembers what
 * the hub accepted; a refused exchange leaves it as it was.
 */
public final class ConsumerNode {
  private final PrivateKey key;
  private final KeySigner signer;
  private final Address channel;
  private final Deployment deployment;
  private TokenAmount promised = TokenAmount.ZERO;
  private final Map<BigInteger, TokenAmount> paidPerAgreement = new HashMap<>();

  public ConsumerNode(PrivateKey key, Deployment deployment) {
    this.key = key;
    this.signer = new KeySigner(key, Secp256k1s.getDefault());
    this.deployment = deployment;
    this.channel =
        ChannelIds.consumerChannelAddress(
            deployment.registry(),
            signer.address(),
            deployment.hermesId(),
            deployment.channelImplementation());
  }

  public Address identity() {
    return signer.address();
  }

  public Address channel() {
    return channel;
  }

  public PrivateKey key() {
    return key;
  }

  public KeySigner signer() {
    return signer;
  }

  /** The grand total of what the hub accepted from this consumer. */
  public synchronized TokenAmount promised() {
    return promised;
  }

  /**
   * The exchange message paying an invoice: the promise grows by what the invoice adds to its
   * agreement. Nothing is remembered until {@link #accepted}.
   */
  public synchronized ExchangeMessage pay(Invoice invoice) {
    TokenAmount paid = paidPerAgreement.getOrDefault(invoice.agreementId(), TokenAmount.ZERO);
    TokenAmount delta = invoice.agreementTotal().minus(paid);
    return exchange(
        invoice, promised.plus(delta), invoice.agreementTotal(), invoice.provider(), deployment);
  }

  /** The hub accepted {@code message}: its amounts are now this consumer's. */
  public synchronized void accepted(ExchangeMessage message) {
    promised = promised.max(message.promise().amount());
    paidPerAgreement.merge(message.agreementId(), message.agreementTotal(), TokenAmount::max);
  }

  /**
   * Any exchange message of this consumer, as a dishonest or confused one would sign it.
   *
   * @param invoice agreement, hashlock, fee and chain of the promise
   * @param amount the promise amount
   * @param agreementTotal the exchange message's agreement total
   * @param provider the provider named
   * @param target whose hub and channel implementation the promise is drawn for
   */
  public ExchangeMessage exchange(
      Invoice invoice,
      TokenAmount amount,
      TokenAmount agreementTotal,
      Address provider,
      Deployment target) {
    Address drawnOn =
        ChannelIds.consumerChannelAddress(
            target.registry(), identity(), target.hermesId(), target.channelImplementation());
    var promise =
        new UnsignedPromise(
                invoice.chainId(),
                drawnOn.toBytes32(),
                amount,
                invoice.transactorFee(),
                invoice.hashlock())
            .sign(signer);
    return ExchangeMessage.builder()
        .promise(promise)
        .agreementId(invoice.agreementId())
        .agreementTotal(agreementTotal)
        .provider(provider)
        .hermesId(target.hermesId())
        .chainId(invoice.chainId())
        .sign(signer);
  }

  @Override
  public String toString() {
    return "consumer " + identity().toHex();
  }
}
