package network.hermes.node.provider;

import java.io.Closeable;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;
import network.hermes.node.policy.ExitConnector;
import network.hermes.node.transport.ChannelBindingProof.Role;
import network.hermes.node.transport.FramedSocket;
import network.hermes.node.transport.MuxConnection;
import network.hermes.node.transport.NodeTls;
import network.hermes.node.transport.PeerHandshake;
import network.hermes.node.transport.RefusedException;
import network.hermes.promise.crypto.Secp256k1;
import network.hermes.promise.crypto.Signer;
import network.hermes.promise.message.Promise;
import network.hermes.promise.value.Address;
import network.hermes.promise.value.TokenAmount;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The provider's exit service: accepts consumer connections over TLS 1.3, checks each consumer's
 * identity proof, and runs a {@link ProviderSession} per connection.
 */
public final class ProviderService implements Closeable {
  private static final Logger LOG = LoggerFactory.getLogger(ProviderService.class);
  private static final Duration HANDSHAKE_TIMEOUT = Duration.ofSeconds(10);

  private final ServerSocket server;
  private final NodeTls tls = NodeTls.create();
  private final Signer signer;
  private final ProviderSettings settings;
  private final ExitConnector exit;
  private final HubPayments payments;
  private final Function<Address, String> admission;
  private final SettlementTrigger settlement;
  private final Clock clock;
  private final Secp256k1 secp256k1;
  private final SecureRandom random = new SecureRandom();
  private final Set<ProviderSession> sessions = ConcurrentHashMap.newKeySet();
  private final ScheduledExecutorService ticker =
      Executors.newSingleThreadScheduledExecutor(
          Thread.ofVirtual().name("provider-tick").factory());
  private final AtomicLong refusedPeers = new AtomicLong();
  private final AtomicReference<Promise> latestHubPromise = new AtomicReference<>();
  private final AtomicReference<TokenAmount> endedEarnings =
      new AtomicReference<>(TokenAmount.ZERO);

  private ProviderService(
      ServerSocket server,
      Signer signer,
      ProviderSettings settings,
      ExitConnector exit,
      HubPayments payments,
      Function<Address, String> admission,
      SettlementTrigger settlement,
      Clock clock,
      Secp256k1 secp256k1) {
    this.settlement = settlement;
    this.server = server;
    this.signer = signer;
    this.settings = settings;
    this.exit = exit;
    this.payments = payments;
    this.admission = admission;
    this.clock = clock;
    this.secp256k1 = secp256k1;
    payments.earnings().latest().ifPresent(latestHubPromise::set);
  }

  /**
   * Starts serving on {@code address}.
   *
   * @param admission tells why a consumer is not served (null to serve it), e.g. an inactive hub
   * @param settlement told of new earnings and of an exhausted balance
   */
  public static ProviderService start(
      InetSocketAddress address,
      Signer signer,
      ProviderSettings settings,
      ExitConnector exit,
      HubPayments payments,
      Function<Address, String> admission,
      SettlementTrigger settlement,
      Clock clock,
      Secp256k1 secp256k1)
      throws IOException {
    ServerSocket server = new ServerSocket();
    server.setReuseAddress(true);
    server.bind(address, 128);
    ProviderService service =
        new ProviderService(
            server, signer, settings, exit, payments, admission, settlement, clock, secp256k1);
    Thread.ofVirtual().name("provider-accept").start(service::acceptLoop);
    long tickMillis = settings.tick().toMillis();
    service.ticker.scheduleAtFixedRate(
        service::tickAll, tickMillis, tickMillis, TimeUnit.MILLISECONDS);
    return service;
  }

  /** The bound address. */
  public InetSocketAddress address() {
    return (InetSocketAddress) server.getLocalSocketAddress();
  }

  /** The provider identity. */
  public Address identity() {
    return signer.address();
  }

  /** Sessions running now. */
  public List<SessionStatus> sessions() {
    return sessions.stream().map(ProviderSession::status).toList();
  }

  /** Connections refused before a session (failed identity proofs and the like). */
  public long refusedPeers() {
    return refusedPeers.get();
  }

  /** The latest promise the hub made to this provider (cumulative earnings), if any. */
  public Promise latestHubPromise() {
    return latestHubPromise.get();
  }

  String admit(Address consumer) {
    return admission.apply(consumer);
  }

  void paid(Promise promise) {
    latestHubPromise.accumulateAndGet(
        promise, (a, b) -> a == null || b.amount().compareTo(a.amount()) >= 0 ? b : a);
    settlement.earned();
  }

  void exhausted() {
    settlement.exhausted();
  }

  void closed(ProviderSession session) {
    sessions.remove(session);
  }

  private void tickAll() {
    for (ProviderSession session : sessions) {
      try {
        session.tick();
      } catch (RuntimeException e) {
        LOG.error("session tick failed", e);
      }
    }
  }

  private void acceptLoop() {
    while (!server.isClosed()) {
      Socket socket;
      try {
        socket = server.accept();
      } catch (SocketException closed) {
        return;
      } catch (IOException e) {
        LOG.warn("accept failed: {}", e.getMessage());
        continue;
      }
      Thread.ofVirtual().name("provider-conn").start(() -> serve(socket));
    }
  }

  private void serve(Socket socket) {
    FramedSocket framed;
    try {
      framed = new FramedSocket(tls.accept(socket, HANDSHAKE_TIMEOUT));
    } catch (IOException e) {
      refusedPeers.incrementAndGet();
      LOG.info("connection from {} refused: {}", socket.getRemoteSocketAddress(), e.getMessage());
      return;
    }
    Address consumer;
    try {
      consumer = PeerHandshake.run(framed, Role.SERVER, signer, secp256k1, HANDSHAKE_TIMEOUT);
    } catch (RefusedException e) {
      refusedPeers.incrementAndGet();
      LOG.info("connection from {} refused: {}", socket.getRemoteSocketAddress(), e.getMessage());
      return;
    } catch (IOException e) {
      refusedPeers.incrementAndGet();
      framed.close();
      return;
    }
    ProviderSession session =
        new ProviderSession(
            this, settings, signer.address(), consumer, exit, payments, clock, secp256k1, random);
    MuxConnection connection = new MuxConnection(framed, Role.SERVER, consumer, session);
    sessions.add(session);
    try {
      session.attach(connection.start());
    } catch (IOException e) {
      connection.close("cannot send the offer");
    }
  }

  @Override
  public void close() {
    try {
      server.close();
    } catch (IOException ignored) {
      // closing
    }
    ticker.shutdownNow();
    for (ProviderSession session : sessions) {
      session.endForShutdown();
    }
  }
}
