package network.hermes.hub.crypto;

import java.math.BigInteger;
import network.hermes.hub.core.HubPromise;
import network.hermes.promise.crypto.InvalidSignatureException;
import network.hermes.promise.crypto.Secp256k1;
import network.hermes.promise.message.ExchangeMessage;
import network.hermes.promise.message.Promise;
import network.hermes.promise.message.UnsignedPromise;
import network.hermes.promise.value.Address;
import network.hermes.promise.value.Bytes32;
import network.hermes.promise.value.ChainId;
import network.hermes.promise.value.Signature;
import network.hermes.promise.value.TokenAmount;

/**
 * The hub's view of promise-lib's messages: byte layouts and signer recovery come from the library
 * that consumers and providers use, so a cheque verifies the same on every side.
 */
public final class Messages {
  private Messages() {}

  /** The signers recovered from an exchange message and its promise (null when invalid). */
  public record Signers(String exchangeMessageSigner, String promiseSigner) {}

  public static UnsignedPromise unsigned(HubPromise p) {
    return UnsignedPromise.forProviderChannel(
        ChainId.of(p.chainId()),
        Bytes32.fromHex(p.channelId()),
        p.amount(),
        p.fee(),
        Bytes32.fromHex(p.hashlock()));
  }

  /** The 160-byte preimage a hub promise signature covers. */
  public static byte[] preimage(HubPromise p) {
    return unsigned(p).preimage();
  }

  /**
   * Recovers both signers of a consumer's exchange message.
   *
   * @param hermesId the EM's hermes, or null for the legacy layout without it
   * @return the signers; a field is null when that signature is malformed, high-s or does not
   *     recover
   */
  public static Signers recover(
      Secp256k1 secp,
      long promiseChain,
      byte[] channel20,
      BigInteger amount,
      BigInteger fee,
      byte[] hashlock,
      byte[] promiseSignature,
      long emChain,
      BigInteger agreementId,
      BigInteger agreementTotal,
      String provider,
      String hermesId,
      byte[] emSignature) {
    Promise promise =
        new Promise(
            ChainId.of(promiseChain),
            Bytes32.leftPad(channel20),
            TokenAmount.of(amount),
            TokenAmount.of(fee),
            Bytes32.of(hashlock),
            null,
            Signature.of(promiseSignature));
    ExchangeMessage em =
        new ExchangeMessage(
            promise,
            agreementId,
            TokenAmount.of(agreementTotal),
            Address.fromHex(provider),
            hermesId == null ? null : Address.fromHex(hermesId),
            ChainId.of(emChain),
            Signature.of(emSignature));
    return new Signers(
        signer(() -> em.recoverSigner(secp)), signer(() -> promise.recoverSigner(secp)));
  }

  private static String signer(java.util.function.Supplier<Address> recover) {
    try {
      return recover.get().toHex().toLowerCase(java.util.Locale.ROOT);
    } catch (InvalidSignatureException | IllegalArgumentException e) {
      return null;
    }
  }
}
