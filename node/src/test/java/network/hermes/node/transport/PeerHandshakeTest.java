package network.hermes.node.transport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;
import network.hermes.node.transport.ChannelBindingProof.Role;
import network.hermes.promise.value.Address;
import network.hermes.promise.value.Signature;
import org.junit.jupiter.api.Test;

class PeerHandshakeTest {
  @Test
  void bothSidesLearnTheOthersProvenIdentity() throws Exception {
    try (Loopback loop = new Loopback()) {
      var accepted = loop.acceptOne();
      FramedSocket client = loop.connectRaw();
      Address provider =
          PeerHandshake.run(client, Role.CLIENT, loop.client, Loopback.SECP, Loopback.TIMEOUT);
      var server = accepted.get(5, TimeUnit.SECONDS);
      assertThat(provider).isEqualTo(loop.server.address());
      assertThat(server.refusal()).isNull();
      assertThat(server.peer()).isEqualTo(loop.client.address());
      client.close();
      server.framed().close();
    }
  }

  @Test
  void exporterValuesDifferPerConnectionAndAgreeOnBothEnds() throws Exception {
    try (Loopback loop = new Loopback()) {
      var a = loop.acceptOne();
      FramedSocket first = loop.connectRaw();
      PeerHandshake.run(first, Role.CLIENT, loop.client, Loopback.SECP, Loopback.TIMEOUT);
      FramedSocket firstServer = a.get(5, TimeUnit.SECONDS).framed();
      var b = loop.acceptOne();
      FramedSocket second = loop.connectRaw();
      PeerHandshake.run(second, Role.CLIENT, loop.client, Loopback.SECP, Loopback.TIMEOUT);
      FramedSocket secondServer = b.get(5, TimeUnit.SECONDS).framed();
      assertThat(first.binding()).hasSize(32).isEqualTo(firstServer.binding());
      assertThat(second.binding()).isEqualTo(secondServer.binding()).isNotEqualTo(first.binding());
      for (FramedSocket s : new FramedSocket[] {first, firstServer, second, secondServer}) {
        s.close();
      }
    }
  }

  @Test
  void aProofReplayedFromAnotherConnectionIsRefused() throws Exception {
    try (Loopback loop = new Loopback()) {
      var a = loop.acceptOne();
      FramedSocket first = loop.connectRaw();
      PeerHandshake.run(first, Role.CLIENT, loop.client, Loopback.SECP, Loopback.TIMEOUT);
      Signature oldProof = ChannelBindingProof.sign(loop.client, Role.CLIENT, first.binding());
      a.get(5, TimeUnit.SECONDS).framed().close();
      first.close();

      var b = loop.acceptOne();
      FramedSocket second = loop.connectRaw();
      byte[] hello = new byte[86];
      hello[0] = 1;
      System.arraycopy(loop.client.address().toBytes(), 0, hello, 1, 20);
      System.arraycopy(oldProof.toBytes(), 0, hello, 21, 65);
      second.write(new Frame(FrameType.HELLO, 0, hello));

      var server = b.get(5, TimeUnit.SECONDS);
      assertThat(server.refusal()).isNotNull();
      assertThat(server.refusal().byPeer()).isFalse();
      assertThat(server.refusal().getMessage())
          .isEqualTo(
              "identity proof of "
                  + loop.client.address()
                  + " does not match this connection's channel binding (replayed from another"
                  + " connection or forged)");
      assertThat(second.read().type()).isEqualTo(FrameType.HELLO); // the provider's own
      Frame refusal = second.read();
      assertThat(refusal.type()).isEqualTo(FrameType.REFUSE);
      assertThat(new String(refusal.payload(), StandardCharsets.UTF_8))
          .isEqualTo(server.refusal().getMessage());
      second.close();
    }
  }

  @Test
  void aReflectedProofIsRefused() throws Exception {
    try (Loopback loop = new Loopback()) {
      var accepted = loop.acceptOne();
      FramedSocket client = loop.connectRaw();
      Frame providerHello = client.read(); // sent at once by the provider
      client.write(providerHello); // echo the provider's own proof back
      var server = accepted.get(5, TimeUnit.SECONDS);
      assertThat(server.refusal().getMessage()).contains("does not match");
      client.close();
    }
  }

  @Test
  void aPeerThatSkipsTheProofIsRefusedWithTheReason() throws Exception {
    try (Loopback loop = new Loopback()) {
      var accepted = loop.acceptOne();
      FramedSocket client = loop.connectRaw();
      client.write(new Frame(FrameType.OPEN, 1, "example.org:80".getBytes(StandardCharsets.UTF_8)));
      var server = accepted.get(5, TimeUnit.SECONDS);
      assertThat(server.refusal().getMessage())
          .isEqualTo("peer skipped the identity proof (sent OPEN first)");
      client.read(); // HELLO
      assertThat(new String(client.read().payload(), StandardCharsets.UTF_8))
          .isEqualTo("peer skipped the identity proof (sent OPEN first)");
      client.close();
    }
  }

  @Test
  void theConsumerSeesTheProvidersRefusal() throws Exception {
    try (Loopback loop = new Loopback()) {
      var accepted = loop.acceptOne();
      FramedSocket client = loop.connectRaw();
      // a client signing as the server role: its proof is not a client proof
      byte[] binding = client.binding();
      Signature wrongRole = ChannelBindingProof.sign(loop.client, Role.SERVER, binding);
      byte[] hello = new byte[86];
      hello[0] = 1;
      System.arraycopy(loop.client.address().toBytes(), 0, hello, 1, 20);
      System.arraycopy(wrongRole.toBytes(), 0, hello, 21, 65);
      client.write(new Frame(FrameType.HELLO, 0, hello));
      assertThat(accepted.get(5, TimeUnit.SECONDS).refusal()).isNotNull();
      client.close();
    }
  }

  @Test
  void theDigestSeparatesRolesAndRejectsShortBindings() {
    byte[] binding = new byte[32];
    assertThat(ChannelBindingProof.digest(Role.CLIENT, binding))
        .isNotEqualTo(ChannelBindingProof.digest(Role.SERVER, binding));
    assertThatThrownBy(() -> ChannelBindingProof.digest(Role.CLIENT, new byte[31]))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
