package network.hermes.node.transport;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import network.hermes.node.transport.ChannelBindingProof.Role;
import network.hermes.promise.crypto.KeySigner;
import network.hermes.promise.crypto.PrivateKey;
import network.hermes.promise.crypto.Secp256k1;
import network.hermes.promise.crypto.Secp256k1s;
import network.hermes.promise.value.Address;

/** A TLS listener on loopback whose accepted connections run the server side of the handshake. */
final class Loopback implements AutoCloseable {
  static final Secp256k1 SECP = Secp256k1s.getDefault();
  static final Duration TIMEOUT = Duration.ofSeconds(5);

  final KeySigner server = new KeySigner(PrivateKey.fromHex("11".repeat(32)), SECP);
  final KeySigner client = new KeySigner(PrivateKey.fromHex("22".repeat(32)), SECP);
  final NodeTls tls = NodeTls.create();
  final ServerSocket listener;

  Loopback() throws IOException {
    listener = new ServerSocket(0, 16, InetAddress.getLoopbackAddress());
  }

  InetSocketAddress address() {
    return (InetSocketAddress) listener.getLocalSocketAddress();
  }

  /**
   * Accepts one connection and runs the server handshake on it; completes with the framed socket.
   */
  CompletableFuture<Accepted> acceptOne() {
    CompletableFuture<Accepted> result = new CompletableFuture<>();
    Thread.ofVirtual()
        .start(
            () -> {
              try {
                Socket socket = listener.accept();
                FramedSocket framed = new FramedSocket(tls.accept(socket, TIMEOUT));
                try {
                  Address peer = PeerHandshake.run(framed, Role.SERVER, server, SECP, TIMEOUT);
                  result.complete(new Accepted(framed, peer, null));
                } catch (RefusedException e) {
                  result.complete(new Accepted(framed, null, e));
                }
              } catch (IOException | RuntimeException e) {
                result.completeExceptionally(e);
              }
            });
    return result;
  }

  FramedSocket connectRaw() throws IOException {
    NodeTls.Connection connection = tls.connect(address(), TIMEOUT);
    connection.socket().setSoTimeout(Math.toIntExact(TIMEOUT.toMillis())); // fail, never hang
    return new FramedSocket(connection);
  }

  record Accepted(FramedSocket framed, Address peer, RefusedException refusal) {}

  @Override
  public void close() throws IOException {
    listener.close();
  }
}
