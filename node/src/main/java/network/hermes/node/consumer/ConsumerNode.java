package network.hermes.node.consumer;

import java.io.Closeable;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Clock;
import network.hermes.hubclient.HubCause;
import network.hermes.hubclient.HubClient;
import network.hermes.hubclient.HubException;
import network.hermes.node.proxy.LocalProxy;
import network.hermes.node.store.ConsumerTotals;
import network.hermes.promise.crypto.Secp256k1;
import network.hermes.promise.crypto.Signer;
import network.hermes.promise.message.Promise;
import network.hermes.promise.value.TokenAmount;
import network.hermes.promise.wire.ChannelData;

/**
 * A running consumer: its totals reconciled with the hub, a session with the provider, and the
 * local proxy serving it.
 */
public final class ConsumerNode implements Closeable {
  private final ConsumerSession session;
  private final LocalProxy proxy;

  private ConsumerNode(ConsumerSession session, LocalProxy proxy) {
    this.session = session;
    this.proxy = proxy;
  }

  /** Why a consumer could not start (hub, registration, provider, port), in one line. */
  public static final class StartException extends Exception {
    private static final long serialVersionUID = 1L;

    StartException(String message, Throwable cause) {
      super(message, cause);
    }
  }

  /**
   * Starts a consumer.
   *
   * @param dataDir where the totals file is
   * @param socksPort loopback port of the proxy, 0 for a free one
   * @throws StartException when the hub does not know the consumer or cannot be reached, or the
   *     proxy port cannot be bound
   * @throws network.hermes.node.transport.RefusedException when the provider or this side refused
   *     the session
   * @throws IOException when the provider cannot be reached
   */
  public static ConsumerNode start(
      ConsumerSettings settings,
      Signer signer,
      HubClient hub,
      Path dataDir,
      int socksPort,
      Clock clock,
      Secp256k1 secp256k1)
      throws StartException, IOException {
    ConsumerTotals totals =
        ConsumerTotals.open(
            ConsumerTotals.fileFor(
                dataDir, signer.address(), settings.hermesId(), settings.chainId()));
    ChannelData data;
    try {
      data = hub.consumerData(signer.address()).get(settings.chainId());
    } catch (HubException e) {
      if (e.kind() == HubCause.RESOURCE_NOT_FOUND) {
        throw new StartException(
            "the hub does not know " + signer.address() + ": top up its channel and register first",
            e);
      }
      throw new StartException("hub: " + e.getMessage(), e);
    }
    if (data == null) {
      throw new StartException(
          "the hub has no channel of " + signer.address() + " on chain " + settings.chainId(),
          null);
    }
    Promise latest = data.latestPromise();
    TokenAmount floor = data.settled();
    if (latest != null && latest.isSignedBy(signer.address(), secp256k1)) {
      floor = floor.max(latest.amount());
    }
    totals.reconcile(floor); // the hub may have seen more than an older or lost file says
    ConsumerSession session =
        ConsumerSession.connect(settings, signer, totals, data.balance(), clock, secp256k1);
    try {
      LocalProxy proxy =
          LocalProxy.start(
              new InetSocketAddress(InetAddress.getLoopbackAddress(), socksPort), session);
      return new ConsumerNode(session, proxy);
    } catch (IOException e) {
      session.close();
      throw new StartException(
          "cannot listen on 127.0.0.1:" + socksPort + ": " + e.getMessage(), e);
    }
  }

  /** The session. */
  public ConsumerSession session() {
    return session;
  }

  /** Where the SOCKS5 and HTTP CONNECT proxy listens. */
  public InetSocketAddress proxyAddress() {
    return proxy.address();
  }

  @Override
  public void close() {
    try {
      proxy.close();
    } catch (IOException ignored) {
      // closing
    }
    session.close();
  }
}
