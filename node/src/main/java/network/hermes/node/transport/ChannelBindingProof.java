package network.hermes.node.transport;

import java.nio.charset.StandardCharsets;
import java.util.Objects;
import network.hermes.promise.crypto.InvalidSignatureException;
import network.hermes.promise.crypto.Keccak;
import network.hermes.promise.crypto.Secp256k1;
import network.hermes.promise.crypto.Signer;
import network.hermes.promise.value.Address;
import network.hermes.promise.value.Bytes32;
import network.hermes.promise.value.Signature;

/**
 * The identity proof each side of a node connection sends right after the TLS handshake: a
 * secp256k1 signature over {@code keccak256(label ‖ role ‖ binding)}, where {@code binding} is the
 * connection's RFC 9266 {@code tls-exporter} value. The binding is unique to one TLS connection, so
 * a proof lifted from another connection (or reflected back from the peer: the role differs) does
 * not verify.
 */
public final class ChannelBindingProof {
  /** Domain separation: the digest cannot be mistaken for any payment preimage. */
  static final byte[] LABEL =
      "hermes-node/1 tls-exporter identity proof".getBytes(StandardCharsets.US_ASCII);

  /** Length of the RFC 9266 exporter value. */
  public static final int BINDING_LENGTH = 32;

  /** Which end of the connection signs. */
  public enum Role {
    /** The side that opened the TCP connection (the consumer). */
    CLIENT((byte) 'C'),
    /** The side that accepted it (the provider). */
    SERVER((byte) 'S');

    private final byte tag;

    Role(byte tag) {
      this.tag = tag;
    }

    /** The other end. */
    public Role peer() {
      return this == CLIENT ? SERVER : CLIENT;
    }
  }

  private ChannelBindingProof() {}

  /** The digest a side of {@code role} signs for a connection with {@code binding}. */
  public static Bytes32 digest(Role role, byte[] binding) {
    Objects.requireNonNull(role, "role");
    if (binding == null || binding.length != BINDING_LENGTH) {
      throw new IllegalArgumentException("channel binding must be " + BINDING_LENGTH + " bytes");
    }
    byte[] preimage = new byte[LABEL.length + 1 + binding.length];
    System.arraycopy(LABEL, 0, preimage, 0, LABEL.length);
    preimage[LABEL.length] = role.tag;
    System.arraycopy(binding, 0, preimage, LABEL.length + 1, binding.length);
    return Keccak.hash(preimage);
  }

  /** Signs this side's proof. */
  public static Signature sign(Signer signer, Role role, byte[] binding) {
    return signer.sign(digest(role, binding));
  }

  /**
   * Tells whether {@code signature} is {@code claimed}'s proof for {@code role} on the connection
   * with {@code binding}.
   */
  public static boolean verify(
      Secp256k1 secp256k1, Address claimed, Role role, byte[] binding, Signature signature) {
    try {
      return secp256k1.recover(digest(role, binding), signature).equals(claimed);
    } catch (InvalidSignatureException e) {
      return false;
    }
  }
}
