package network.hermes.node.provider;

import java.util.Optional;
import network.hermes.node.session.InvoiceSchedule;
import network.hermes.promise.crypto.InvalidSignatureException;
import network.hermes.promise.crypto.Secp256k1;
import network.hermes.promise.ids.ChannelIds;
import network.hermes.promise.message.ExchangeMessage;
import network.hermes.promise.message.Invoice;
import network.hermes.promise.value.Address;
import network.hermes.promise.value.ChainId;
import network.hermes.promise.value.TokenAmount;

/**
 * The provider's check of an exchange message against the invoice it pays, in upstream's order
 * (offchain step 8: invoice known, exchange signature, chain, promise signer, promise amount not
 * lower, consumer channel) plus the three checks upstream forgets: the provider named is this one,
 * the agreement and its total are the invoice's, and the hub is the session's. Pure.
 */
public final class ExchangeCheck {
  /** Why an exchange message was not taken. */
  public enum Rejection {
    /** No unpaid invoice has the promise's hashlock (expired or never sent): skipped silently. */
    INVOICE_UNKNOWN("invoice expired"),
    /** The exchange message is not signed by the session's consumer. */
    EXCHANGE_SIGNATURE("exchange validation failed"),
    /** Another chain than the session's. */
    WRONG_CHAIN("exchange message for another chain"),
    /** The promise is not signed by the consumer. */
    PROMISE_SIGNER("identity missmatch"),
    /** The promise amount is below one this session already took. */
    AMOUNT_DECREASED("promise amount below the last accepted"),
    /** The promise is not drawn on the consumer's channel with the session's hub. */
    WRONG_CHANNEL("promise not on the consumer's channel"),
    /** The exchange message pays another provider. */
    WRONG_PROVIDER("exchange message names another provider"),
    /** Agreement id or total differ from the invoice. */
    AGREEMENT_MISMATCH("agreement id or total differ from the invoice"),
    /** Another hub than the session's. */
    WRONG_HUB("exchange message for another hub");

    private final String message;

    Rejection(String message) {
      this.message = message;
    }

    /** Text for logs and for the consumer. */
    public String message() {
      return message;
    }
  }

  /**
   * What a session expects of every exchange message.
   *
   * @param provider this provider
   * @param consumer the session's consumer
   * @param chainId the chain of the session
   * @param hermesId the session's hub
   * @param registry the registry that derives channel addresses
   * @param channelImplementation the hub's consumer channel implementation
   */
  public record Session(
      Address provider,
      Address consumer,
      ChainId chainId,
      Address hermesId,
      Address registry,
      Address channelImplementation) {
    /** The consumer's channel address with the session's hub. */
    public Address consumerChannel() {
      return ChannelIds.consumerChannelAddress(registry, consumer, hermesId, channelImplementation);
    }
  }

  private ExchangeCheck() {}

  /**
   * Checks an exchange message.
   *
   * @param pending the unpaid invoice with the promise's hashlock, if the schedule knows one
   * @param invoice the invoice sent for that hashlock, or null when none
   * @param lastAcceptedAmount the promise amount of the last exchange message taken, zero at first
   * @return the rejection, or empty when the message pays the invoice
   */
  public static Optional<Rejection> check(
      ExchangeMessage message,
      Optional<InvoiceSchedule.Pending> pending,
      Invoice invoice,
      TokenAmount lastAcceptedAmount,
      Session session,
      Secp256k1 secp256k1) {
    if (pending.isEmpty() || invoice == null) {
      return Optional.of(Rejection.INVOICE_UNKNOWN);
    }
    if (!signedBy(message, session.consumer(), secp256k1)) {
      return Optional.of(Rejection.EXCHANGE_SIGNATURE);
    }
    if (!message.chainId().equals(session.chainId())
        || !message.promise().chainId().equals(session.chainId())) {
      return Optional.of(Rejection.WRONG_CHAIN);
    }
    if (!message.promise().isSignedBy(session.consumer(), secp256k1)) {
      return Optional.of(Rejection.PROMISE_SIGNER);
    }
    if (message.promise().amount().compareTo(lastAcceptedAmount) < 0) {
      return Optional.of(Rejection.AMOUNT_DECREASED);
    }
    if (message.hermesId() == null) {
      return Optional.of(Rejection.WRONG_HUB);
    }
    Address channel =
        ChannelIds.consumerChannelAddress(
            session.registry(),
            session.consumer(),
            message.hermesId(),
            session.channelImplementation());
    if (!message.promise().channelId().equals(channel.toBytes32())) {
      return Optional.of(Rejection.WRONG_CHANNEL);
    }
    if (!message.provider().equals(session.provider())) {
      return Optional.of(Rejection.WRONG_PROVIDER);
    }
    if (!message.agreementId().equals(invoice.agreementId())
        || !message.agreementTotal().equals(invoice.agreementTotal())) {
      return Optional.of(Rejection.AGREEMENT_MISMATCH);
    }
    if (!message.hermesId().equals(session.hermesId())) {
      return Optional.of(Rejection.WRONG_HUB);
    }
    return Optional.empty();
  }

  private static boolean signedBy(ExchangeMessage message, Address expected, Secp256k1 secp) {
    try {
      return message.isSignedBy(expected, secp);
    } catch (InvalidSignatureException e) {
      return false;
    }
  }
}
