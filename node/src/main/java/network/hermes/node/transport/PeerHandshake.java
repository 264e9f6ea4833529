package network.hermes.node.transport;

import java.io.EOFException;
import java.io.IOException;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import network.hermes.node.transport.ChannelBindingProof.Role;
import network.hermes.promise.crypto.Secp256k1;
import network.hermes.promise.crypto.Signer;
import network.hermes.promise.value.Address;
import network.hermes.promise.value.Signature;

/**
 * The identity exchange after the TLS handshake: both sides send HELLO ({@code version(1) ‖
 * address(20) ‖ proof(65)}) at once and check the other's proof over this connection's binding. A
 * peer that sends anything else first, nothing within the timeout, or a proof that does not verify
 * is refused with a REFUSE frame naming why.
 */
public final class PeerHandshake {
  /** Protocol version in HELLO. */
  public static final int VERSION = 1;

  private static final int HELLO_LENGTH = 1 + Address.SIZE + Signature.SIZE;

  private PeerHandshake() {}

  /**
   * Proves this side's identity and checks the peer's.
   *
   * @return the peer's proven identity
   * @throws RefusedException when the peer refused us or we refused the peer (reason inside)
   * @throws IOException when the connection failed
   */
  public static Address run(
      FramedSocket framed, Role self, Signer signer, Secp256k1 secp256k1, Duration timeout)
      throws IOException {
    byte[] binding = framed.binding();
    Signature proof = ChannelBindingProof.sign(signer, self, binding);
    byte[] hello = new byte[HELLO_LENGTH];
    hello[0] = VERSION;
    System.arraycopy(signer.address().toBytes(), 0, hello, 1, Address.SIZE);
    System.arraycopy(proof.toBytes(), 0, hello, 1 + Address.SIZE, Signature.SIZE);
    framed.write(new Frame(FrameType.HELLO, 0, hello));

    Frame first;
    int before = framed.socket().getSoTimeout();
    framed.socket().setSoTimeout(Math.toIntExact(timeout.toMillis()));
    try {
      first = framed.read();
    } catch (SocketTimeoutException e) {
      throw refuse(framed, "no identity proof within " + timeout.toSeconds() + " s");
    } catch (ProtocolException e) {
      throw refuse(framed, "expected an identity proof, got garbage: " + e.getMessage());
    } catch (EOFException e) {
      framed.close();
      throw new RefusedException("peer closed the connection before proving its identity", true);
    } finally {
      if (!framed.socket().isClosed()) {
        framed.socket().setSoTimeout(before);
      }
    }
    if (first == null) {
      framed.close();
      throw new RefusedException("peer closed the connection before proving its identity", true);
    }
    if (first.type() == FrameType.REFUSE) {
      framed.close();
      throw new RefusedException(new String(first.payload(), StandardCharsets.UTF_8), true);
    }
    if (first.type() != FrameType.HELLO) {
      throw refuse(framed, "peer skipped the identity proof (sent " + first.type() + " first)");
    }
    byte[] payload = first.payload();
    if (payload.length != HELLO_LENGTH) {
      throw refuse(
          framed, "identity proof of " + payload.length + " bytes, expected " + HELLO_LENGTH);
    }
    if (payload[0] != VERSION) {
      throw refuse(framed, "unsupported node protocol version " + payload[0]);
    }
    Address claimed = Address.of(Arrays.copyOfRange(payload, 1, 1 + Address.SIZE));
    Signature signature;
    try {
      signature = Signature.of(Arrays.copyOfRange(payload, 1 + Address.SIZE, HELLO_LENGTH));
    } catch (IllegalArgumentException e) {
      throw refuse(framed, "identity proof is not a signature: " + e.getMessage());
    }
    if (!ChannelBindingProof.verify(secp256k1, claimed, self.peer(), binding, signature)) {
      throw refuse(
          framed,
          "identity proof of "
              + claimed
              + " does not match this connection's channel binding (replayed from another"
              + " connection or forged)");
    }
    return claimed;
  }

  private static RefusedException refuse(FramedSocket framed, String reason) {
    framed.refuse(reason);
    return new RefusedException(reason, false);
  }
}
