package network.hermes.promise.message;

import static network.hermes.promise.message.Fields.required;
import static network.hermes.promise.message.Fields.uint256;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import network.hermes.promise.value.Address;
import network.hermes.promise.value.Bytes32;

/**
 * P4, {@code Registry.updateHermesURL}: the hub operator publishes a new API URL. There is no chain
 * id in this preimage (as deployed). Signed by the hub operator.
 *
 * @param registry the registry contract
 * @param hermesId the hub contract
 * @param url the new URL; its UTF-8 bytes enter the preimage raw
 * @param nonce the registry's current last nonce for the hub
 */
public record HermesUrlUpdate(Address registry, Address hermesId, String url, BigInteger nonce)
    implements Signable {

  /**
   * Validates the components.
   *
   * @throws IllegalArgumentException if a component is null or the nonce is out of range
   */
  public HermesUrlUpdate {
    required("registry", registry);
    required("hermesId", hermesId);
    required("url", url);
    uint256("nonce", nonce);
  }

  /** {@code registry(20) ‖ hermesId(20) ‖ url(N bytes, UTF-8) ‖ pad32(nonce)}, 72 + N bytes. */
  @Override
  public byte[] preimage() {
    byte[] urlBytes = url.getBytes(StandardCharsets.UTF_8);
    return new Packer(72 + urlBytes.length)
        .address(registry)
        .address(hermesId)
        .raw(urlBytes)
        .word(Bytes32.fromUint256(nonce))
        .toBytes();
  }
}
