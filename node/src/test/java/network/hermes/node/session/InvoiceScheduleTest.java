package network.hermes.node.session;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import network.hermes.node.session.InvoiceSchedule.End;
import network.hermes.node.session.InvoiceSchedule.Send;
import network.hermes.node.session.InvoiceSchedule.Step;
import network.hermes.node.session.InvoiceSchedule.Wait;
import network.hermes.promise.value.Bytes32;
import network.hermes.promise.value.TokenAmount;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class InvoiceScheduleTest {
  private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");
  private InvoiceSchedule schedule;
  private int locks;

  @BeforeEach
  void start() {
    schedule = new InvoiceSchedule(InvoiceSchedule.Settings.upstream());
  }

  private static Instant at(long seconds) {
    return T0.plusSeconds(seconds);
  }

  private static TokenAmount wei(long value) {
    return TokenAmount.of(value);
  }

  private Bytes32 send(Step step, Instant now) {
    assertThat(step).isInstanceOf(Send.class);
    Bytes32 hashlock = Bytes32.fromUint(++locks);
    schedule.sent(hashlock, (Send) step, now);
    return hashlock;
  }

  private void payFirst() {
    Bytes32 first = send(schedule.tick(at(0), wei(0)), at(0));
    schedule.paid(first, wei(1));
  }

  @Test
  void theFirstInvoiceGoesAtOnceCriticalForOneWei() {
    Step step = schedule.tick(at(0), wei(5_000));
    assertThat(step).isEqualTo(new Send(wei(1), true, true));
  }

  @Test
  void nothingMoreIsInvoicedUntilTheFirstIsPaid() {
    send(schedule.tick(at(0), wei(0)), at(0));
    assertThat(schedule.tick(at(10), wei(1_000_000))).isInstanceOf(Wait.class);
    assertThat(schedule.firstPaid()).isFalse();
  }

  @Test
  void anUnpaidFirstInvoiceEndsTheSessionAfterThirtySeconds() {
    send(schedule.tick(at(0), wei(0)), at(0));
    assertThat(schedule.tick(at(29), wei(0))).isInstanceOf(Wait.class);
    assertThat(schedule.tick(at(30), wei(0)))
        .isEqualTo(new End("the first invoice was not paid within 30 s"));
  }

  @Test
  void normalInvoicesFollowAChargePeriodGrowingByAThird() {
    payFirst();
    assertThat(schedule.tick(at(5), wei(100))).isInstanceOf(Wait.class); // not yet > 5 s
    Step second = schedule.tick(at(6), wei(100));
    assertThat(second).isEqualTo(new Send(wei(100), false, false));
    send(second, at(6));
    assertThat(schedule.chargePeriod()).isEqualTo(Duration.ofMillis(6666));
    assertThat(schedule.tick(at(12), wei(200))).isInstanceOf(Wait.class);
    assertThat(schedule.tick(at(13), wei(200))).isEqualTo(new Send(wei(200), false, false));
  }

  @Test
  void theChargePeriodStopsGrowingAtItsLimit() {
    payFirst();
    long now = 0;
    for (int i = 0; i < 40; i++) {
      now += schedule.chargePeriod().toSeconds() + 1;
      Bytes32 lock = send(schedule.tick(at(now), wei(i + 2)), at(now));
      schedule.paid(lock, wei(i + 2));
    }
    assertThat(schedule.chargePeriod()).isEqualTo(Duration.ofMinutes(5));
  }

  @Test
  void anUnpaidValueAtTheLimitForcesACriticalInvoiceAfterTheDebounce() {
    payFirst();
    TokenAmount limit = schedule.maxUnpaid(); // 0.003 MYST
    assertThat(schedule.tick(at(4), limit.plus(wei(1)))).isInstanceOf(Wait.class); // debounce
    Step critical = schedule.tick(at(5), limit.plus(wei(1)));
    assertThat(critical).isEqualTo(new Send(limit.plus(wei(1)), true, false));
    assertThat(schedule.maxUnpaid()).isEqualTo(TokenAmount.of(4_000_000_000_000_000L));
  }

  @Test
  void justBelowTheUnpaidLimitWaitsForThePeriod() {
    payFirst();
    TokenAmount below = schedule.maxUnpaid().plus(wei(1)).minus(wei(2));
    assertThat(schedule.tick(at(5), below)).isInstanceOf(Wait.class);
  }

  @Test
  void theUnpaidLimitStopsGrowingAtItsCap() {
    payFirst();
    long now = 0;
    TokenAmount owed = wei(1);
    for (int i = 0; i < 20; i++) {
      now += 5;
      owed = owed.plus(TokenAmount.of(40_000_000_000_000_000L));
      Bytes32 lock = send(schedule.tick(at(now), owed), at(now));
      schedule.paid(lock, owed);
    }
    assertThat(schedule.maxUnpaid()).isEqualTo(TokenAmount.of(30_000_000_000_000_000L));
  }

  @Test
  void anUnpaidCriticalInvoiceEndsTheSessionAfterFiftySeconds() {
    payFirst();
    TokenAmount owed = schedule.maxUnpaid().plus(wei(7));
    send(schedule.tick(at(5), owed), at(5));
    assertThat(schedule.tick(at(54), owed)).isNotInstanceOf(End.class);
    assertThat(schedule.tick(at(55), owed))
        .isEqualTo(new End("a critical invoice was not paid within 50 s"));
  }

  @Test
  void twentyFourNormalInvoicesUnpaidInARowEndTheSession() {
    payFirst();
    long now = 0;
    Step step = null;
    int sent = 0;
    while (!(step instanceof End) && now < 36_000) {
      now += 1;
      step = schedule.tick(at(now), wei(10)); // stays below the critical value
      if (step instanceof Send) {
        send(step, at(now));
        sent++;
      }
    }
    assertThat(step)
        .isEqualTo(new End("did not get a new exchange message (24 invoices in a row unpaid)"));
    assertThat(sent).isGreaterThanOrEqualTo(24);
  }

  @Test
  void aPaymentResetsTheMissesAndSettlesTheInvoicesItCovers() {
    payFirst();
    Bytes32 a = send(schedule.tick(at(6), wei(100)), at(6));
    Bytes32 b = send(schedule.tick(at(13), wei(200)), at(13));
    schedule.paid(b, wei(200)); // cumulative: pays a too
    assertThat(schedule.pending(a)).isEmpty();
    assertThat(schedule.pending(b)).isEmpty();
    assertThat(schedule.accepted()).isEqualTo(wei(200));
  }

  @Test
  void theInvoicedTotalNeverGoesBelowWhatWasPaid() {
    payFirst();
    Bytes32 lock = send(schedule.tick(at(6), wei(500)), at(6));
    schedule.paid(lock, wei(500));
    assertThat(schedule.tick(at(20), wei(400))).isEqualTo(new Send(wei(500), false, false));
  }

  @Test
  void aLatePaymentOfAnExpiredInvoiceIsNotPending() {
    payFirst();
    Bytes32 lock = send(schedule.tick(at(6), wei(100)), at(6));
    schedule.tick(at(57), wei(100)); // 51 s later: counted as missed and dropped
    assertThat(schedule.pending(lock)).isEmpty();
  }
}
