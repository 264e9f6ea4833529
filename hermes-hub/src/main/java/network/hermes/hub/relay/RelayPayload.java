package network.hermes.hub.relay;

import java.math.BigInteger;

/**
 * A signed payload a user hands the relay. Addresses and ids are 0x-prefixed lowercase hex,
 * signatures 0x-prefixed hex of 65 bytes, amounts wei.
 */
public sealed interface RelayPayload
    permits RelayPayload.Registration, RelayPayload.Settlement, RelayPayload.StakeDecrease {
  JobKind kind();

  long chainId();

  /** The identity the payload is signed by. */
  String identity();

  /** The fee the relay is paid, in MYST wei. */
  BigInteger fee();

  /** A registration signed by the identity (P1); {@code fee} is its transactor fee. */
  record Registration(
      long chainId,
      String registry,
      String hermesId,
      BigInteger stake,
      BigInteger fee,
      String beneficiary,
      String signature,
      String identity)
      implements RelayPayload {
    @Override
    public JobKind kind() {
      return JobKind.REGISTER;
    }
  }

  /**
   * A hub promise to settle (P6 by the hub's operator); {@code fee} is the promise's Fee field.
   *
   * @param beneficiary settle_with_beneficiary: the new beneficiary; pay_and_settle: where the
   *     withdrawal goes; else null
   * @param beneficiarySignature the identity's P3 (with beneficiary) or P9 (pay and settle)
   *     signature, else null
   * @param nonce settle_with_beneficiary: the P3 nonce, else null
   */
  record Settlement(
      JobKind kind,
      long chainId,
      String hermesId,
      String channelId,
      BigInteger amount,
      BigInteger fee,
      String r,
      String signature,
      String identity,
      String beneficiary,
      String beneficiarySignature,
      BigInteger nonce)
      implements RelayPayload {}

  /** A stake return signed by the identity (P10); {@code fee} is its transactor fee. */
  record StakeDecrease(
      long chainId,
      String hermesId,
      String identity,
      BigInteger amount,
      BigInteger fee,
      BigInteger nonce,
      String signature)
      implements RelayPayload {
    @Override
    public JobKind kind() {
      return JobKind.DECREASE_STAKE;
    }
  }
}
