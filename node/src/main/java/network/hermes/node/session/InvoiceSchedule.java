package network.hermes.node.session;

import java.math.BigInteger;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import network.hermes.promise.value.Bytes32;
import network.hermes.promise.value.TokenAmount;

/**
 * The provider's invoicing of one session, as upstream's invoice tracker does it: the first invoice
 * at once, critical, of a nominal value; then every tick a critical invoice when the unpaid value
 * reaches a growing limit (at most one per debounce period), else a normal one when the growing
 * charge period has passed; and the failure table for invoices left unpaid. Pure: the caller passes
 * the time and what the session owes, sends what it is told, and reports payments. Not thread-safe:
 * one session's ticks and payments are serialised by its owner.
 */
public final class InvoiceSchedule {
  /** What to do after a tick. */
  public sealed interface Step {}

  /** Nothing to send. */
  public record Wait() implements Step {}

  /** Send an invoice for {@code total} (cumulative in the agreement). */
  public record Send(TokenAmount total, boolean critical, boolean first) implements Step {}

  /** End the session. */
  public record End(String reason) implements Step {}

  /** An invoice sent and not yet paid. */
  public record Pending(
      Bytes32 hashlock, TokenAmount total, boolean critical, boolean first, Instant sentAt) {}

  /**
   * The knobs, upstream's defaults in {@link #upstream()}.
   *
   * @param chargePeriod first period between normal invoices
   * @param chargePeriodLimit cap of the growing period
   * @param maxUnpaid unpaid value that first forces a critical invoice
   * @param maxUnpaidLimit cap of the growing value
   * @param debounce least time between two value-triggered invoices
   * @param paymentWait how long an invoice may stay unpaid
   * @param firstPaymentWait how long the first invoice may stay unpaid
   * @param maxMissed normal invoices left unpaid in a row before the session ends
   * @param firstInvoiceValue what the first invoice (and any before the first payment) asks
   */
  public record Settings(
      Duration chargePeriod,
      Duration chargePeriodLimit,
      TokenAmount maxUnpaid,
      TokenAmount maxUnpaidLimit,
      Duration debounce,
      Duration paymentWait,
      Duration firstPaymentWait,
      int maxMissed,
      TokenAmount firstInvoiceValue) {
    /** Validates the components. */
    public Settings {
      Objects.requireNonNull(chargePeriod, "chargePeriod");
      Objects.requireNonNull(chargePeriodLimit, "chargePeriodLimit");
      Objects.requireNonNull(maxUnpaid, "maxUnpaid");
      Objects.requireNonNull(maxUnpaidLimit, "maxUnpaidLimit");
      Objects.requireNonNull(debounce, "debounce");
      Objects.requireNonNull(paymentWait, "paymentWait");
      Objects.requireNonNull(firstPaymentWait, "firstPaymentWait");
      Objects.requireNonNull(firstInvoiceValue, "firstInvoiceValue");
      if (maxMissed < 1) {
        throw new IllegalArgumentException("maxMissed must be at least 1");
      }
      if (chargePeriod.isNegative() || chargePeriod.isZero()) {
        throw new IllegalArgumentException("chargePeriod must be positive");
      }
    }

    /**
     * Upstream's defaults: 5 s growing to 5 min, 0.003 MYST growing to 0.03 MYST, 5 s debounce, 50
     * s to pay, 30 s for the first invoice, 24 misses (2 min of leeway over 5 s), 1 wei first.
     */
    public static Settings upstream() {
      return new Settings(
          Duration.ofSeconds(5),
          Duration.ofMinutes(5),
          TokenAmount.of(3_000_000_000_000_000L),
          TokenAmount.of(30_000_000_000_000_000L),
          Duration.ofSeconds(5),
          Duration.ofSeconds(50),
          Duration.ofSeconds(30),
          24,
          TokenAmount.of(1));
    }
  }

  private final Settings settings;
  private final List<Pending> pending = new ArrayList<>();
  private Duration chargePeriod;
  private TokenAmount maxUnpaid;
  private Instant lastInvoiceAt;
  private TokenAmount accepted = TokenAmount.ZERO;
  private boolean firstPaid;
  private int missed;

  /** Starts the schedule of a new session. */
  public InvoiceSchedule(Settings settings) {
    this.settings = Objects.requireNonNull(settings, "settings");
    this.chargePeriod = settings.chargePeriod();
    this.maxUnpaid = settings.maxUnpaid();
  }

  /**
   * Decides what to do at {@code now} for a session that owes {@code owed} by the price. A {@link
   * Send} must be followed by {@link #sent} once the invoice is out.
   */
  public Step tick(Instant now, TokenAmount owed) {
    Optional<End> overdue = expire(now);
    if (overdue.isPresent()) {
      return overdue.get();
    }
    if (lastInvoiceAt == null) {
      return new Send(settings.firstInvoiceValue(), true, true);
    }
    if (!firstPaid) {
      return new Wait();
    }
    TokenAmount total = owed.max(accepted);
    Duration since = Duration.between(lastInvoiceAt, now);
    boolean valueDue = total.minus(accepted).compareTo(maxUnpaid) >= 0;
    if (valueDue && since.compareTo(settings.debounce()) >= 0) {
      maxUnpaid = grow(maxUnpaid, settings.maxUnpaidLimit());
      return new Send(total, true, false);
    }
    if (since.compareTo(chargePeriod) > 0) {
      chargePeriod = grow(chargePeriod, settings.chargePeriodLimit());
      return new Send(total, false, false);
    }
    return new Wait();
  }

  /** Records an invoice sent at {@code now} for a {@link Send} step. */
  public void sent(Bytes32 hashlock, Send step, Instant now) {
    pending.add(new Pending(hashlock, step.total(), step.critical(), step.first(), now));
    lastInvoiceAt = now;
  }

  /** The unpaid invoice with this hashlock, if any. */
  public Optional<Pending> pending(Bytes32 hashlock) {
    return pending.stream().filter(p -> p.hashlock().equals(hashlock)).findFirst();
  }

  /**
   * Records a valid payment of the invoice with {@code hashlock}: the agreement total it paid
   * becomes the accepted total, the misses reset, and every invoice it covers is settled.
   */
  public void paid(Bytes32 hashlock, TokenAmount agreementTotal) {
    accepted = accepted.max(agreementTotal);
    firstPaid = true;
    missed = 0;
    pending.removeIf(p -> p.hashlock().equals(hashlock) || p.total().compareTo(accepted) <= 0);
  }

  /** The highest agreement total paid so far. */
  public TokenAmount accepted() {
    return accepted;
  }

  /** True once the first invoice is paid: the session is open for traffic. */
  public boolean firstPaid() {
    return firstPaid;
  }

  /** Invoices sent and unpaid. */
  public List<Pending> unpaid() {
    return List.copyOf(pending);
  }

  /** The current period between normal invoices. */
  public Duration chargePeriod() {
    return chargePeriod;
  }

  /** The current unpaid value that forces a critical invoice. */
  public TokenAmount maxUnpaid() {
    return maxUnpaid;
  }

  private Optional<End> expire(Instant now) {
    Iterator<Pending> it = pending.iterator();
    while (it.hasNext()) {
      Pending p = it.next();
      Duration wait = p.first() ? settings.firstPaymentWait() : settings.paymentWait();
      if (Duration.between(p.sentAt(), now).compareTo(wait) < 0) {
        continue;
      }
      if (p.first()) {
        return Optional.of(
            new End("the first invoice was not paid within " + wait.toSeconds() + " s"));
      }
      if (p.critical()) {
        return Optional.of(
            new End("a critical invoice was not paid within " + wait.toSeconds() + " s"));
      }
      it.remove();
      missed++;
      if (missed >= settings.maxMissed()) {
        return Optional.of(
            new End(
                "did not get a new exchange message (" + missed + " invoices in a row unpaid)"));
      }
    }
    return Optional.empty();
  }

  // grows by a third, as upstream, up to the limit
  private static Duration grow(Duration value, Duration limit) {
    Duration grown = Duration.ofMillis(value.toMillis() * 4 / 3);
    return grown.compareTo(limit) > 0 ? limit : grown;
  }

  private static TokenAmount grow(TokenAmount value, TokenAmount limit) {
    TokenAmount grown =
        TokenAmount.of(
            value.toBigInteger().multiply(BigInteger.valueOf(4)).divide(BigInteger.valueOf(3)));
    return grown.min(limit);
  }
}
