package network.hermes.node.consumer;

import java.io.Closeable;
import java.io.IOException;
import java.math.BigInteger;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import network.hermes.node.proxy.Destination;
import network.hermes.node.proxy.StreamOpener;
import network.hermes.node.session.Control;
import network.hermes.node.session.Price;
import network.hermes.node.store.ConsumerTotals;
import network.hermes.node.transport.ChannelBindingProof.Role;
import network.hermes.node.transport.FramedSocket;
import network.hermes.node.transport.MuxConnection;
import network.hermes.node.transport.MuxStream;
import network.hermes.node.transport.NodeTls;
import network.hermes.node.transport.PeerHandshake;
import network.hermes.node.transport.RefusedException;
import network.hermes.promise.crypto.Secp256k1;
import network.hermes.promise.crypto.Signer;
import network.hermes.promise.ids.ChannelIds;
import network.hermes.promise.message.ExchangeMessage;
import network.hermes.promise.message.Invoice;
import network.hermes.promise.message.Promise;
import network.hermes.promise.message.UnsignedPromise;
import network.hermes.promise.value.Address;
import network.hermes.promise.value.TokenAmount;
import network.hermes.promise.wire.MalformedWireException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The consumer's side of one session: proves its identity, checks the provider's, accepts the
 * offered price if within its maximum, checks every invoice against its own metering, and pays with
 * a promise and exchange message whose totals are on disk before they leave. It ends the session
 * (and says why) on an overcharge, a wrong provider, or when its balance would not cover the next
 * payment.
 */
public final class ConsumerSession implements MuxConnection.Listener, StreamOpener, Closeable {
  private static final Logger LOG = LoggerFactory.getLogger(ConsumerSession.class);
  private static final Duration HANDSHAKE_TIMEOUT = Duration.ofSeconds(10);
  private static final Duration OPEN_TIMEOUT = Duration.ofSeconds(30);

  private final ConsumerSettings settings;
  private final Signer signer;
  private final ConsumerTotals totals;
  private final TokenAmount available;
  private final TokenAmount promisedAtStart;
  private final Clock clock;
  private final Address channel;
  private final CompletableFuture<Void> ready = new CompletableFuture<>();
  private final CompletableFuture<String> ended = new CompletableFuture<>();
  private MuxConnection connection;
  private BigInteger agreementId;
  private Price price;
  private Instant startedAt;
  private TokenAmount paid = TokenAmount.ZERO;
  private TokenAmount accepted = TokenAmount.ZERO;
  private int invoices;

  private ConsumerSession(
      ConsumerSettings settings,
      Signer signer,
      ConsumerTotals totals,
      TokenAmount available,
      Clock clock) {
    this.settings = settings;
    this.signer = signer;
    this.totals = totals;
    this.available = available;
    this.promisedAtStart = totals.promised();
    this.clock = clock;
    this.channel =
        ChannelIds.consumerChannelAddress(
            settings.registry(),
            signer.address(),
            settings.hermesId(),
            settings.channelImplementation());
  }

  /**
   * Connects to the provider and waits until the session runs (its first invoice paid and
   * accepted).
   *
   * @param available what the consumer may still promise (its channel balance less what it promised
   *     and the hub did not settle yet)
   * @throws RefusedException when either side refused the connection or the session, with why
   * @throws IOException when the connection failed
   */
  public static ConsumerSession connect(
      ConsumerSettings settings,
      Signer signer,
      ConsumerTotals totals,
      TokenAmount available,
      Clock clock,
      Secp256k1 secp256k1)
      throws IOException {
    ConsumerSession session = new ConsumerSession(settings, signer, totals, available, clock);
    FramedSocket framed =
        new FramedSocket(NodeTls.create().connect(settings.provider(), HANDSHAKE_TIMEOUT));
    Address peer = PeerHandshake.run(framed, Role.CLIENT, signer, secp256k1, HANDSHAKE_TIMEOUT);
    if (!peer.equals(settings.providerId())) {
      String reason =
          "the provider at "
              + settings.provider()
              + " is "
              + peer
              + ", not "
              + settings.providerId();
      framed.refuse(reason);
      throw new RefusedException(reason, false);
    }
    session.connection = new MuxConnection(framed, Role.CLIENT, peer, session);
    session.connection.start();
    try {
      session.ready.get(settings.setupTimeout().toMillis(), TimeUnit.MILLISECONDS);
    } catch (ExecutionException e) {
      session.connection.close();
      throw e.getCause() instanceof IOException io ? io : new IOException(e.getCause());
    } catch (TimeoutException e) {
      session.fail("session did not start within " + settings.setupTimeout().toSeconds() + " s");
      throw new RefusedException("session did not start in time", false);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      session.connection.close("interrupted");
      throw new IOException("interrupted while starting the session", e);
    }
    return session;
  }

  /** Completes with the reason when the session ends. */
  public CompletableFuture<String> ended() {
    return ended;
  }

  /** The session as it stands. */
  public synchronized ConsumerStatus status() {
    return new ConsumerStatus(
        connection.dataBytesIn(),
        connection.dataBytesOut(),
        startedAt == null ? Duration.ZERO : Duration.between(startedAt, clock.instant()),
        paid,
        accepted,
        totals.promised(),
        invoices,
        connection.controlBytesIn() + connection.controlBytesOut(),
        ended.getNow(null));
  }

  /** The session's price. */
  public synchronized Price price() {
    return price;
  }

  /** The agreement id. */
  public synchronized BigInteger agreementId() {
    return agreementId;
  }

  @Override
  public MuxStream open(Destination destination) throws IOException {
    if (ended.isDone()) {
      throw new IOException("session ended: " + ended.getNow(""));
    }
    return connection.open(destination.toString(), OPEN_TIMEOUT);
  }

  @Override
  public void onControl(byte[] json) {
    Control.Message message;
    try {
      message = Control.decode(json);
    } catch (MalformedWireException e) {
      fail("malformed control message from the provider: " + e.getMessage());
      return;
    }
    try {
      switch (message) {
        case Control.Offer offer -> offer(offer);
        case Control.Accepted a -> {
          synchronized (this) {
            agreementId = a.agreementId();
            startedAt = clock.instant();
          }
        }
        case Control.InvoiceMessage i -> invoice(i.invoice());
        case Control.PaymentAccepted a -> {
          synchronized (this) {
            accepted = accepted.max(a.agreementTotal());
          }
          ready.complete(null);
        }
        default -> fail("unexpected control message " + message.getClass().getSimpleName());
      }
    } catch (IOException e) {
      fail("cannot answer the provider: " + e.getMessage());
    }
  }

  private void offer(Control.Offer offer) throws IOException {
    if (!offer.provider().equals(connection.peer())) {
      fail("wrong provider supplied: the offer names " + offer.provider());
    } else if (!offer.chainId().equals(settings.chainId())) {
      fail(
          "provider is paid on chain "
              + offer.chainId()
              + ", this consumer on "
              + settings.chainId());
    } else if (!offer.hermesId().equals(settings.hermesId())) {
      fail(
          "provider is paid through hub "
              + offer.hermesId()
              + ", this consumer's is "
              + settings.hermesId());
    } else if (offer.price().perGib().compareTo(settings.maxPrice().perGib()) > 0
        || offer.price().perHour().compareTo(settings.maxPrice().perHour()) > 0) {
      fail("provider's price " + offer.price() + " is above the maximum " + settings.maxPrice());
    } else {
      synchronized (this) {
        price = offer.price();
      }
      connection.sendControl(
          Control.encode(
              new Control.Create(
                  signer.address(), settings.chainId(), settings.hermesId(), offer.price())));
    }
  }

  private void invoice(Invoice invoice) throws IOException {
    ExchangeMessage message;
    synchronized (this) {
      invoices++;
      if (!invoice.provider().equals(connection.peer())) {
        fail("wrong provider supplied: the invoice names " + invoice.provider());
        return;
      }
      if (agreementId == null || !invoice.agreementId().equals(agreementId)) {
        fail("invoice for an agreement this session does not have");
        return;
      }
      if (!invoice.chainId().equals(settings.chainId())) {
        fail("invoice for chain " + invoice.chainId());
        return;
      }
      Duration elapsed = Duration.between(startedAt, clock.instant());
      long bytes = connection.dataBytesIn() + connection.dataBytesOut();
      TokenAmount limit = settings.tolerance().limit(price, elapsed, bytes);
      if (invoice.agreementTotal().compareTo(limit) > 0) {
        fail(
            "provider is overcharging: the invoice asks "
                + invoice.agreementTotal()
                + " wei, own metering ("
                + bytes
                + " bytes, "
                + elapsed.toMillis()
                + " ms) allows at most "
                + limit);
        return;
      }
      if (settings.invoicesToPay() >= 0 && invoices > settings.invoicesToPay()) {
        LOG.warn("not paying invoice {} (told to pay {} only)", invoices, settings.invoicesToPay());
        return;
      }
      TokenAmount before = totals.agreementTotal(invoice.agreementId());
      TokenAmount delta =
          invoice.agreementTotal().compareTo(before) > 0
              ? invoice.agreementTotal().minus(before)
              : TokenAmount.ZERO;
      TokenAmount promised = totals.promised().plus(delta);
      TokenAmount spent = promised.minus(promisedAtStart);
      if (spent.compareTo(available) > 0) {
        fail(
            "balance exhausted: paying "
                + invoice.agreementTotal()
                + " wei would promise "
                + spent
                + " wei this session, more than the "
                + available
                + " wei available");
        return;
      }
      totals.record(invoice.agreementId(), invoice.agreementTotal().max(before), promised);
      Promise promise =
          UnsignedPromise.forConsumerChannel(
                  settings.chainId(),
                  channel,
                  promised,
                  invoice.transactorFee(),
                  invoice.hashlock())
              .sign(signer);
      message =
          ExchangeMessage.builder()
              .promise(promise)
              .agreementId(invoice.agreementId())
              .agreementTotal(invoice.agreementTotal())
              .provider(invoice.provider())
              .hermesId(settings.hermesId())
              .chainId(settings.chainId())
              .sign(signer);
      paid = paid.max(invoice.agreementTotal());
    }
    connection.sendControl(Control.encode(new Control.Payment(message)));
  }

  /** Ends the session and tells the provider why. */
  public void fail(String reason) {
    LOG.warn("ending the session: {}", reason);
    end(reason);
  }

  private void end(String reason) {
    ready.completeExceptionally(new RefusedException(reason, false));
    ended.complete(reason);
    connection.close(reason);
  }

  @Override
  public void onClosed(String reason, boolean byPeer) {
    ready.completeExceptionally(new RefusedException(reason, byPeer));
    ended.complete(reason);
  }

  @Override
  public void close() {
    if (!ended.isDone()) {
      end("consumer disconnected");
    }
  }
}
