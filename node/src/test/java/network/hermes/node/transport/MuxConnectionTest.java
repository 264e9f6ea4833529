package network.hermes.node.transport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import network.hermes.node.policy.Cidr;
import network.hermes.node.policy.DestinationPolicy;
import network.hermes.node.policy.ExitConnector;
import network.hermes.node.proxy.Destination;
import network.hermes.node.transport.ChannelBindingProof.Role;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class MuxConnectionTest {
  private Loopback loop;
  private ServerSocket echo;
  private MuxConnection consumer;
  private MuxConnection provider;
  private final AtomicReference<String> providerClosed = new AtomicReference<>();
  private final CompletableFuture<String> consumerClosed = new CompletableFuture<>();

  @BeforeEach
  void connect() throws Exception {
    loop = new Loopback();
    echo = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
    Thread.ofVirtual().start(this::echoLoop);
    ExitConnector exit =
        ExitConnector.system(
            new DestinationPolicy(List.of(Cidr.parse("127.0.0.1/32")), List.of(), false),
            Duration.ofSeconds(2));
    var accepted = loop.acceptOne();
    FramedSocket client = loop.connectRaw();
    client.socket().setSoTimeout(0);
    PeerHandshake.run(client, Role.CLIENT, loop.client, Loopback.SECP, Loopback.TIMEOUT);
    var server = accepted.get(5, TimeUnit.SECONDS);
    provider =
        new MuxConnection(
                server.framed(),
                Role.SERVER,
                server.peer(),
                new MuxConnection.Listener() {
                  @Override
                  public void onControl(byte[] json) {}

                  @Override
                  public void onOpen(MuxStream stream) {
                    try {
                      Socket socket = exit.connect(Destination.parse(stream.destination()));
                      stream.accept();
                      Splice.start(socket, stream);
                    } catch (StreamOpenException e) {
                      stream.refuse(e.failure(), e.getMessage());
                    } catch (IOException e) {
                      stream.reset(e.getMessage());
                    }
                  }

                  @Override
                  public void onClosed(String reason, boolean byPeer) {
                    providerClosed.set(reason);
                  }
                })
            .start();
    consumer =
        new MuxConnection(
                client,
                Role.CLIENT,
                loop.server.address(),
                new MuxConnection.Listener() {
                  @Override
                  public void onControl(byte[] json) {}

                  @Override
                  public void onClosed(String reason, boolean byPeer) {
                    consumerClosed.complete(reason);
                  }
                })
            .start();
  }

  @AfterEach
  void close() throws IOException {
    consumer.close();
    provider.close();
    echo.close();
    loop.close();
  }

  private void echoLoop() {
    while (!echo.isClosed()) {
      try {
        Socket s = echo.accept();
        Thread.ofVirtual()
            .start(
                () -> {
                  try (s) {
                    s.getInputStream().transferTo(s.getOutputStream());
                    s.shutdownOutput();
                  } catch (IOException ignored) {
                    // test teardown
                  }
                });
      } catch (IOException closed) {
        return;
      }
    }
  }

  private String echoDestination() {
    return "127.0.0.1:" + echo.getLocalPort();
  }

  private static byte[] random(int size, long seed) {
    byte[] data = new byte[size];
    new Random(seed).nextBytes(data);
    return data;
  }

  private static CompletableFuture<byte[]> readAll(InputStream in) {
    return CompletableFuture.supplyAsync(
        () -> {
          try {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            in.transferTo(out);
            return out.toByteArray();
          } catch (IOException e) {
            throw new RuntimeException(e);
          }
        },
        r -> Thread.ofVirtual().start(r));
  }

  @Test
  void aStreamCarriesBytesBothWaysAndBothEndsCountThem() throws Exception {
    byte[] data = random(5 * 1024 * 1024 + 123, 1);
    MuxStream stream = consumer.open(echoDestination(), Duration.ofSeconds(5));
    CompletableFuture<byte[]> back = readAll(stream.input());
    stream.output().write(data);
    stream.output().close();
    assertThat(back.get(30, TimeUnit.SECONDS)).isEqualTo(data);
    assertThat(consumer.dataBytesOut()).isEqualTo(data.length);
    assertThat(consumer.dataBytesIn()).isEqualTo(data.length);
    assertThat(provider.dataBytesIn()).isEqualTo(data.length);
    assertThat(provider.dataBytesOut()).isEqualTo(data.length);
  }

  @Test
  void aStreamWhoseReaderStallsDoesNotHoldUpAnother() throws Exception {
    // a destination that accepts and never reads: the provider's socket fills, it stops taking
    // the stream's data, grants no more credit, and the consumer's writer blocks for good
    ServerSocket sink = new ServerSocket(0, 5, InetAddress.getLoopbackAddress());
    List<Socket> held = new java.util.concurrent.CopyOnWriteArrayList<>();
    Thread.ofVirtual()
        .start(
            () -> {
              try {
                held.add(sink.accept());
              } catch (IOException closed) {
                // test teardown
              }
            });
    MuxStream stalled = consumer.open("127.0.0.1:" + sink.getLocalPort(), Duration.ofSeconds(5));
    AtomicLong written = new AtomicLong();
    Thread writer =
        Thread.ofVirtual()
            .start(
                () -> {
                  byte[] chunk = random(64 * 1024, 2);
                  try {
                    while (true) {
                      stalled.output().write(chunk);
                      written.addAndGet(chunk.length);
                    }
                  } catch (IOException resetAtTheEnd) {
                    // the test resets the stream
                  }
                });
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
    long seen = -1;
    int still = 0;
    while (still < 10) { // blocked: parked, and no progress over ten looks in a row
      long now = written.get();
      still = now == seen && writer.getState() == Thread.State.WAITING ? still + 1 : 0;
      seen = now;
      assertThat(System.nanoTime()).as("stalled writer blocks").isLessThan(deadline);
      TimeUnit.MILLISECONDS.sleep(50); // polling interval, not ordering
    }
    byte[] data = random(4 * 1024 * 1024, 3);
    MuxStream other = consumer.open(echoDestination(), Duration.ofSeconds(5));
    CompletableFuture<byte[]> back = readAll(other.input());
    other.output().write(data);
    other.output().close();
    assertThat(back.get(30, TimeUnit.SECONDS)).isEqualTo(data);
    assertThat(written.get()).isEqualTo(seen); // the stalled stream stayed stalled meanwhile
    stalled.reset("test over");
    writer.join(5000);
    assertThat(writer.isAlive()).isFalse();
    for (Socket s : held) {
      s.close();
    }
    sink.close();
  }

  @Test
  void aDestinationOutsideThePolicyIsRefusedWithTheReason() {
    assertThatThrownBy(() -> consumer.open("127.0.0.2:80", Duration.ofSeconds(5)))
        .isInstanceOfSatisfying(
            StreamOpenException.class,
            e -> {
              assertThat(e.failure()).isEqualTo(OpenFailure.NOT_ALLOWED);
              assertThat(e.getMessage()).contains("127.0.0.2 is a loopback address");
            });
    assertThat(consumer.isClosed()).isFalse();
  }

  @Test
  void aClosedPortIsReportedAsRefused() throws Exception {
    int closedPort;
    try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      closedPort = s.getLocalPort();
    }
    assertThatThrownBy(() -> consumer.open("127.0.0.1:" + closedPort, Duration.ofSeconds(5)))
        .isInstanceOfSatisfying(
            StreamOpenException.class, e -> assertThat(e.failure()).isEqualTo(OpenFailure.REFUSED));
  }

  @Test
  void closingTellsThePeerWhy() throws Exception {
    provider.close("session ended: consumer stopped paying");
    assertThat(consumerClosed.get(5, TimeUnit.SECONDS))
        .isEqualTo("session ended: consumer stopped paying");
    assertThat(consumer.isClosed()).isTrue();
  }

  @Test
  void dataBeyondTheGrantedCreditEndsTheConnection() throws Exception {
    MuxStream stream = consumer.open(echoDestination(), Duration.ofSeconds(5));
    // bypass the stream's credit accounting: push more than a window in raw DATA frames
    byte[] chunk = new byte[Frame.MAX_DATA];
    for (int sent = 0; sent <= MuxConnection.STREAM_WINDOW * 2 && !consumer.isClosed(); ) {
      try {
        consumer.sendData(stream.id(), chunk, 0, chunk.length);
      } catch (IOException closed) {
        break;
      }
      sent += chunk.length;
    }
    assertThat(consumerClosed.get(10, TimeUnit.SECONDS)).contains("credit");
  }
}
