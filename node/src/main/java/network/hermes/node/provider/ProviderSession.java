package network.hermes.node.provider;

import java.io.IOException;
import java.math.BigInteger;
import java.net.Socket;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import network.hermes.hubclient.HubCause;
import network.hermes.node.policy.ExitConnector;
import network.hermes.node.proxy.Destination;
import network.hermes.node.session.Control;
import network.hermes.node.session.InvoiceSchedule;
import network.hermes.node.transport.MuxConnection;
import network.hermes.node.transport.MuxStream;
import network.hermes.node.transport.OpenFailure;
import network.hermes.node.transport.Splice;
import network.hermes.node.transport.StreamOpenException;
import network.hermes.promise.crypto.Secp256k1;
import network.hermes.promise.message.ExchangeMessage;
import network.hermes.promise.message.HashlockSecret;
import network.hermes.promise.message.Invoice;
import network.hermes.promise.value.Address;
import network.hermes.promise.value.Bytes32;
import network.hermes.promise.value.TokenAmount;
import network.hermes.promise.wire.MalformedWireException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One consumer's session on the provider: price agreement, metering (stream bytes both ways and
 * time), invoices on the schedule, each payment checked and forwarded to the hub, and the end of
 * the session when the schedule's failure table, the hub or the consumer says so.
 */
final class ProviderSession implements MuxConnection.Listener {
  private static final Logger LOG = LoggerFactory.getLogger(ProviderSession.class);

  private final ProviderService service;
  private final ProviderSettings settings;
  private final Address self;
  private final Address consumer;
  private final ExitConnector exit;
  private final HubPayments payments;
  private final Clock clock;
  private final Secp256k1 secp256k1;
  private final SecureRandom random;
  private final InvoiceSchedule schedule;
  private final Map<Bytes32, Sent> invoices = new HashMap<>();
  private final AtomicReference<String> ended = new AtomicReference<>();
  private MuxConnection connection;
  private BigInteger agreementId;
  private Instant startedAt;
  private TokenAmount lastPromiseAmount = TokenAmount.ZERO;
  private TokenAmount earned = TokenAmount.ZERO;
  private int hubFailures;

  private record Sent(Invoice invoice, HashlockSecret secret) {}

  ProviderSession(
      ProviderService service,
      ProviderSettings settings,
      Address self,
      Address consumer,
      ExitConnector exit,
      HubPayments payments,
      Clock clock,
      Secp256k1 secp256k1,
      SecureRandom random) {
    this.service = service;
    this.settings = settings;
    this.self = self;
    this.consumer = consumer;
    this.exit = exit;
    this.payments = payments;
    this.clock = clock;
    this.secp256k1 = secp256k1;
    this.random = random;
    this.schedule = new InvoiceSchedule(settings.schedule());
  }

  void attach(MuxConnection connection) throws IOException {
    this.connection = connection;
    send(new Control.Offer(self, settings.chainId(), settings.hermesId(), settings.price()));
  }

  Address consumer() {
    return consumer;
  }

  synchronized SessionStatus status() {
    long bytes = connection == null ? 0 : connection.dataBytesIn() + connection.dataBytesOut();
    return new SessionStatus(
        consumer,
        agreementId,
        bytes,
        startedAt == null ? Duration.ZERO : Duration.between(startedAt, clock.instant()),
        schedule.accepted(),
        earned,
        ended.get());
  }

  @Override
  public void onControl(byte[] json) {
    Control.Message message;
    try {
      message = Control.decode(json);
    } catch (MalformedWireException e) {
      end("malformed control message: " + e.getMessage());
      return;
    }
    switch (message) {
      case Control.Create create -> create(create);
      case Control.Payment payment -> pay(payment.exchangeMessage());
      default -> end("unexpected control message " + message.getClass().getSimpleName());
    }
  }

  private void create(Control.Create create) {
    String refusal = null;
    if (agreementId != null) {
      refusal = "session already created";
    } else if (!create.consumer().equals(consumer)) {
      refusal = "session create names " + create.consumer() + ", not the connected " + consumer;
    } else if (!create.hermesId().equals(settings.hermesId())) {
      refusal =
          "unknown hub "
              + create.hermesId()
              + ": this provider is paid through "
              + settings.hermesId();
    } else if (!create.chainId().equals(settings.chainId())) {
      refusal = "chain " + create.chainId() + " is not this provider's chain " + settings.chainId();
    } else if (!create.price().equals(settings.price())) {
      refusal = "price " + create.price() + " is not the offered " + settings.price();
    } else {
      refusal = service.admit(consumer);
    }
    if (refusal != null) {
      end(refusal);
      return;
    }
    try {
      // the ticker invoices once agreementId is set: Accepted must be on the wire before that
      synchronized (this) {
        BigInteger id = new BigInteger(1, Bytes32.random(random).toBytes());
        send(new Control.Accepted(id));
        agreementId = id;
        startedAt = clock.instant();
      }
    } catch (IOException e) {
      end("cannot answer the session create: " + e.getMessage());
      return;
    }
    LOG.info("session {} with {} at {}", agreementId, consumer, settings.price());
    tick();
  }

  /** Re-evaluates the session: overdue invoices, new invoices. Called every tick. */
  void tick() {
    InvoiceSchedule.Step step;
    Invoice invoice = null;
    synchronized (this) {
      if (agreementId == null || ended.get() != null || settings.price().isFree()) {
        return;
      }
      Instant now = clock.instant();
      long bytes = connection.dataBytesIn() + connection.dataBytesOut();
      TokenAmount owed = settings.price().total(Duration.between(startedAt, now), bytes);
      if (settings.overchargePercent() > 0) {
        owed =
            TokenAmount.of(
                owed.toBigInteger()
                    .multiply(BigInteger.valueOf(100L + settings.overchargePercent()))
                    .divide(BigInteger.valueOf(100)));
      }
      step = schedule.tick(now, owed);
      if (step instanceof InvoiceSchedule.Send s) {
        HashlockSecret secret = HashlockSecret.random(random);
        invoice =
            new Invoice(
                agreementId,
                s.total(),
                TokenAmount.ZERO,
                secret.hashlock(),
                self,
                settings.chainId());
        invoices.put(secret.hashlock(), new Sent(invoice, secret));
        schedule.sent(secret.hashlock(), s, now);
      }
    }
    if (step instanceof InvoiceSchedule.End e) {
      end(e.reason());
    } else if (invoice != null) {
      try {
        send(new Control.InvoiceMessage(invoice));
      } catch (IOException ex) {
        end("cannot send an invoice: " + ex.getMessage());
      }
    }
  }

  private void pay(ExchangeMessage message) {
    Sent sent;
    synchronized (this) {
      Bytes32 hashlock = message.promise().hashlock();
      Optional<InvoiceSchedule.Pending> pending = schedule.pending(hashlock);
      sent = invoices.get(hashlock);
      Optional<ExchangeCheck.Rejection> rejection =
          ExchangeCheck.check(
              message,
              pending,
              sent == null ? null : sent.invoice(),
              lastPromiseAmount,
              new ExchangeCheck.Session(
                  self,
                  consumer,
                  settings.chainId(),
                  settings.hermesId(),
                  settings.registry(),
                  settings.channelImplementation()),
              secp256k1);
      if (rejection.isPresent()) {
        // left unpaid: the schedule's failure table decides (upstream skips such messages too)
        LOG.warn("exchange message from {} not taken: {}", consumer, rejection.get().message());
        return;
      }
      schedule.paid(hashlock, message.agreementTotal());
      lastPromiseAmount = message.promise().amount();
      invoices.keySet().removeIf(h -> schedule.pending(h).isEmpty() && !h.equals(hashlock));
      invoices.remove(hashlock);
    }
    try {
      send(new Control.PaymentAccepted(message.agreementTotal()));
    } catch (IOException e) {
      end("cannot acknowledge a payment: " + e.getMessage());
      return;
    }
    HubPayments.Outcome outcome = payments.forward(message, sent.secret());
    synchronized (this) {
      switch (outcome) {
        case HubPayments.Paid paid -> {
          hubFailures = 0;
          earned = message.agreementTotal();
          service.paid(paid.promise());
        }
        case HubPayments.Retry retry -> {
          hubFailures++;
          LOG.warn("hub did not promise ({} in a row): {}", hubFailures, retry.reason());
          if (hubFailures > settings.hubFailureLimit()) {
            end("hub failed " + hubFailures + " times in a row: " + retry.reason());
          }
        }
        case HubPayments.Fatal fatal -> {
          if (fatal.cause() == HubCause.PROVIDER_BALANCE_EXHAUSTED) {
            service.exhausted(); // upstream: publish a settlement request, then end the session
          }
          end(fatal.reason());
        }
      }
    }
  }

  @Override
  public void onOpen(MuxStream stream) {
    if (!open()) {
      stream.refuse(OpenFailure.NO_SESSION, "no paid session yet");
      return;
    }
    Destination destination;
    try {
      destination = Destination.parse(stream.destination());
    } catch (IllegalArgumentException e) {
      stream.refuse(OpenFailure.BAD_DESTINATION, e.getMessage());
      return;
    }
    try {
      Socket socket = exit.connect(destination);
      stream.accept();
      Splice.start(socket, stream);
    } catch (StreamOpenException e) {
      LOG.info("{} refused for {}: {}", destination, consumer, e.getMessage());
      stream.refuse(e.failure(), e.getMessage());
    } catch (IOException e) {
      stream.reset(e.getMessage());
    }
  }

  @Override
  public void onClosed(String reason, boolean byPeer) {
    ended.compareAndSet(null, reason);
    LOG.info("session with {} ended: {}", consumer, reason);
    service.closed(this);
  }

  void endForShutdown() {
    end("provider shutting down");
  }

  private synchronized boolean open() {
    return agreementId != null
        && ended.get() == null
        && (settings.price().isFree() || schedule.firstPaid());
  }

  private void end(String reason) {
    if (ended.compareAndSet(null, reason)) {
      connection.close("session ended: " + reason);
    }
  }

  private void send(Control.Message message) throws IOException {
    connection.sendControl(Control.encode(message));
  }
}
