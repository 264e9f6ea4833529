package network.hermes.hub.crypto;

import java.io.ByteArrayOutputStream;

/** Keccak-256 (Ethereum's) over concatenated parts, through promise-lib. */
public final class Keccak {
  private Keccak() {}

  public static byte[] hash(byte[]... parts) {
    if (parts.length == 1) {
      return network.hermes.promise.crypto.Keccak.hash(parts[0]).toBytes();
    }
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    for (byte[] p : parts) {
      out.writeBytes(p);
    }
    return network.hermes.promise.crypto.Keccak.hash(out.toByteArray()).toBytes();
  }
}
