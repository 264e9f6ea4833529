package network.hermes.promise.message;

import static network.hermes.promise.message.Fields.required;
import static network.hermes.promise.message.Fields.uint256;

import java.math.BigInteger;
import network.hermes.promise.value.Address;
import network.hermes.promise.value.Bytes32;

/**
 * P8, {@code Channel.setFundsDestinationByCheque}: the identity sets where recovered funds of its
 * channel go. There is no chain id in this preimage (as deployed). Signed by the identity.
 *
 * @param channel the consumer channel contract
 * @param destination the new funds destination
 * @param nonce the channel's current last nonce
 */
public record FundsDestinationChange(Address channel, Address destination, BigInteger nonce)
    implements Signable {
  /** ASCII prefix of the preimage. */
  public static final String PREFIX = "Set funds destination:";

  /** Length of {@link #preimage()}. */
  public static final int PREIMAGE_LENGTH = 94;

  /**
   * Validates the components.
   *
   * @throws IllegalArgumentException if a component is null or the nonce is out of range
   */
  public FundsDestinationChange {
    required("channel", channel);
    required("destination", destination);
    uint256("nonce", nonce);
  }

  /** {@code "Set funds destination:" ‖ channel(20) ‖ destination(20) ‖ pad32(nonce)}, 94 bytes. */
  @Override
  public byte[] preimage() {
    return new Packer(PREIMAGE_LENGTH)
        .ascii(PREFIX)
        .address(channel)
        .address(destination)
        .word(Bytes32.fromUint256(nonce))
        .toBytes();
  }
}
