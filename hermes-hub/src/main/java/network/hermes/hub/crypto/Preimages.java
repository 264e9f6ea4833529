package network.hermes.hub.crypto;

import java.io.ByteArrayOutputStream;
import java.math.BigInteger;
import network.hermes.promise.ids.ChannelIds;
import network.hermes.promise.value.Address;

/** Byte layouts that get hashed and signed (promise, exchange message, channel ids, CREATE2). */
public final class Preimages {

  private Preimages() {}

  public static byte[] pad32(BigInteger v) {
    if (v.signum() < 0 || v.bitLength() > 256) {
      throw new IllegalArgumentException("not a uint256: " + v);
    }
    byte[] raw = v.toByteArray();
    byte[] out = new byte[32];
    int n = Math.min(raw.length, 32);
    System.arraycopy(raw, raw.length - n, out, 32 - n, n);
    return out;
  }

  public static byte[] pad32(byte[] v) {
    if (v.length > 32) {
      throw new IllegalArgumentException("longer than 32 bytes");
    }
    byte[] out = new byte[32];
    System.arraycopy(v, 0, out, 32 - v.length, v.length);
    return out;
  }

  /** chainId ‖ channelId ‖ amount ‖ fee ‖ hashlock, each 32 bytes. */
  public static byte[] promise(
      long chainId, byte[] channelId, BigInteger amount, BigInteger fee, byte[] hashlock) {
    ByteArrayOutputStream out = new ByteArrayOutputStream(160);
    out.writeBytes(pad32(BigInteger.valueOf(chainId)));
    out.writeBytes(pad32(channelId));
    out.writeBytes(pad32(amount));
    out.writeBytes(pad32(fee));
    out.writeBytes(pad32(hashlock));
    return out.toByteArray();
  }

  /** chainId ‖ keccak(promise preimage) ‖ agreementId ‖ agreementTotal ‖ provider ‖ [hermesId]. */
  public static byte[] exchangeMessage(
      long chainId,
      byte[] promisePreimage,
      BigInteger agreementId,
      BigInteger agreementTotal,
      byte[] provider,
      byte[] hermesId) {
    ByteArrayOutputStream out = new ByteArrayOutputStream(168);
    out.writeBytes(pad32(BigInteger.valueOf(chainId)));
    out.writeBytes(Keccak.hash(promisePreimage));
    out.writeBytes(pad32(agreementId));
    out.writeBytes(pad32(agreementTotal));
    out.writeBytes(provider);
    if (hermesId != null) {
      out.writeBytes(hermesId);
    }
    return out.toByteArray();
  }

  public static byte[] providerChannelId(byte[] identity, byte[] hermes) {
    return ChannelIds.providerChannelId(Address.of(identity), Address.of(hermes)).toBytes();
  }

  public static byte[] withdrawalChannelId(byte[] identity, byte[] hermes) {
    return ChannelIds.withdrawalChannelId(Address.of(identity), Address.of(hermes)).toBytes();
  }

  /** CREATE2 address of the EIP-1167 consumer channel proxy. */
  public static byte[] consumerChannel(
      byte[] identity, byte[] hermes, byte[] registry, byte[] channelImplementation) {
    return ChannelIds.consumerChannelAddress(
            Address.of(registry),
            Address.of(identity),
            Address.of(hermes),
            Address.of(channelImplementation))
        .toBytes();
  }
}
