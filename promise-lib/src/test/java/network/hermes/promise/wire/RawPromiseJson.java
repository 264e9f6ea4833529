package network.hermes.promise.wire;

import java.math.BigInteger;

/** Test access to the raw Promise JSON shape, which also takes byte fields of any length. */
public final class RawPromiseJson {
  private RawPromiseJson() {}

  public static String write(
      byte[] channelId,
      long chainId,
      BigInteger amount,
      BigInteger fee,
      byte[] hashlock,
      byte[] r,
      byte[] signature) {
    return WireJson.write(
        WireJson.promiseNode(channelId, chainId, amount, fee, hashlock, r, signature));
  }
}
