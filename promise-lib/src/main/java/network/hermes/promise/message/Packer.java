package network.hermes.promise.message;

import java.nio.charset.StandardCharsets;
import network.hermes.promise.value.Address;
import network.hermes.promise.value.Bytes32;

/** Builds an {@code abi.encodePacked} preimage of a known length. */
final class Packer {
  private final byte[] out;
  private int position;

  Packer(int length) {
    this.out = new byte[length];
  }

  Packer word(Bytes32 word) {
    return raw(word.toBytes());
  }

  Packer address(Address address) {
    return raw(address.toBytes());
  }

  Packer ascii(String text) {
    return raw(text.getBytes(StandardCharsets.US_ASCII));
  }

  Packer raw(byte[] bytes) {
    System.arraycopy(bytes, 0, out, position, bytes.length);
    position += bytes.length;
    return this;
  }

  byte[] toBytes() {
    if (position != out.length) {
      throw new IllegalStateException("preimage has " + position + " of " + out.length + " bytes");
    }
    return out;
  }
}
