package network.hermes.hub.core;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigInteger;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import network.hermes.promise.message.Promise;
import network.hermes.promise.message.UnsignedPromise;
import network.hermes.promise.value.Address;
import network.hermes.promise.value.Bytes32;
import network.hermes.promise.value.ChainId;
import network.hermes.promise.value.Signature;
import network.hermes.promise.value.TokenAmount;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Table-driven tests of every acceptance rule, with below / equal / above cases for amounts. */
class DecisionsTest {
  static final Instant NOW = Instant.parse("2026-01-01T00:00:00Z");
  static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);
  static final ChainId CHAIN = ChainId.of(137);
  static final ChainId OTHER_CHAIN = ChainId.of(1);
  static final Address HERMES = addr("ee");
  static final Address OPERATOR = addr("0f");
  static final Address C = addr("c1");
  static final Address P = addr("a1");
  static final Bytes32 H1 = word("11");
  static final Bytes32 H2 = word("22");
  static final Bytes32 R1 = word("71");
  static final Bytes32 R2 = word("72");
  static final Signature SIG = sig(0x51);
  static final TokenAmount MAX_FEE = TokenAmount.of(1000);
  static final TokenAmount MAX_STAKE = TokenAmount.of(10_000);

  static Address addr(String byteHex) {
    return Address.fromHex(byteHex.repeat(20));
  }

  static Bytes32 word(String byteHex) {
    return Bytes32.fromHex(byteHex.repeat(32));
  }

  // a consumer promise as the hub keeps it: v as signed, no R
  static Promise cp(
      ChainId chainId,
      Address channel,
      TokenAmount amount,
      TokenAmount fee,
      Bytes32 hashlock,
      Signature sig) {
    return new Promise(chainId, channel.toBytes32(), amount, fee, hashlock, null, sig);
  }

  static Signature sig(int fill) {
    byte[] b = new byte[65];
    java.util.Arrays.fill(b, (byte) fill);
    return Signature.of(b);
  }

  // stand-ins for the channel derivations: distinct per identity and per kind, no keccak

  static Address chan(Address identity) {
    byte[] b = identity.toBytes();
    b[0] ^= (byte) 0xcc;
    return Address.of(b);
  }

  static Bytes32 prov(Address identity) {
    return tagged(1, identity);
  }

  static Bytes32 wd(Address identity) {
    return tagged(2, identity);
  }

  static Bytes32 tagged(int tag, Address identity) {
    byte[] b = new byte[32];
    b[0] = (byte) tag;
    System.arraycopy(identity.toBytes(), 0, b, 12, 20);
    return Bytes32.of(b);
  }

  static final ChannelMath CHANNELS =
      new ChannelMath() {
        @Override
        public Address consumerChannel(Address identity) {
          return chan(identity);
        }

        @Override
        public Bytes32 providerChannelId(Address identity) {
          return prov(identity);
        }

        @Override
        public Bytes32 withdrawalChannelId(Address identity) {
          return wd(identity);
        }
      };

  static final HubPolicy POLICY =
      new HubPolicy(HERMES, OPERATOR, Set.of(CHAIN), MAX_FEE, null, true);
  static final Decisions D = new Decisions(POLICY, CHANNELS, CLOCK, Duration.ofMinutes(10));

  static TokenAmount n(long v) {
    return TokenAmount.of(v);
  }

  static BigInteger id(long v) {
    return BigInteger.valueOf(v);
  }

  /** A builder of request_promise inputs; defaults form an acceptable request. */
  record Case(
      PromiseRequest req,
      ConsumerState consumer,
      ProviderState provider,
      ProviderState earnings,
      TokenAmount lastTotal,
      IssuedPromise existing,
      ChainFacts.View chain) {

    static Case base() {
      // G = 100, last agreement total 40, new total 50 -> delta 10, promise 110
      PromiseRequest req = request(50, 110, 5, false);
      ConsumerState consumer = new ConsumerState(CHAIN, C, n(100), null);
      ProviderState provider =
          new ProviderState(CHAIN, prov(P), P, ChannelKind.EARNINGS, n(60), n(1), H2, true, null);
      ChainFacts.View chain =
          new ChainFacts.View(
              new ChainFacts.Consumer(true, n(1000), n(0)),
              new ChainFacts.ProviderChannel(n(0), n(0)),
              new ChainFacts.ProviderChannel(n(0), n(0)),
              new ChainFacts.Hermes(0, 2000, n(0), MAX_STAKE, n(100_000)),
              NOW);
      return new Case(req, consumer, provider, null, n(40), null, chain);
    }

    static PromiseRequest request(long total, long amount, long txFee, boolean withdrawal) {
      return new PromiseRequest(
          CHAIN,
          HERMES,
          C,
          C,
          withdrawal ? C : P,
          id(7),
          n(total),
          cp(CHAIN, chan(C), n(amount), n(0), H1, SIG),
          n(txFee),
          "beef",
          withdrawal);
    }

    PromiseInput input() {
      return new PromiseInput(req, consumer, provider, earnings, lastTotal, existing, chain);
    }

    Case req(PromiseRequest r) {
      return new Case(r, consumer, provider, earnings, lastTotal, existing, chain);
    }

    Case consumer(ConsumerState c) {
      return new Case(req, c, provider, earnings, lastTotal, existing, chain);
    }

    Case provider(ProviderState p) {
      return new Case(req, consumer, p, earnings, lastTotal, existing, chain);
    }

    Case earnings(ProviderState e) {
      return new Case(req, consumer, provider, e, lastTotal, existing, chain);
    }

    Case lastTotal(long t) {
      return new Case(req, consumer, provider, earnings, n(t), existing, chain);
    }

    Case existing(IssuedPromise e) {
      return new Case(req, consumer, provider, earnings, lastTotal, e, chain);
    }

    Case chain(ChainFacts.View v) {
      return new Case(req, consumer, provider, earnings, lastTotal, existing, v);
    }

    Case consumerFacts(boolean registered, long balance, long settled) {
      return chain(
          new ChainFacts.View(
              new ChainFacts.Consumer(registered, n(balance), n(settled)),
              chain.provider(),
              chain.earnings(),
              chain.hermes(),
              chain.asOf()));
    }

    Case providerFacts(long settled, long stake) {
      return chain(
          new ChainFacts.View(
              chain.consumer(),
              new ChainFacts.ProviderChannel(n(settled), n(stake)),
              chain.earnings(),
              chain.hermes(),
              chain.asOf()));
    }
  }

  static Decision<PromiseAccepted> decide(Case c) {
    return D.requestPromise(c.input());
  }

  static void assertOutcome(Decision<?> d, Rejection expected) {
    if (expected == null) {
      assertThat(d).as("expected acceptance, got %s", d).isInstanceOf(Decision.Accept.class);
    } else {
      assertThat(d).as("expected %s, got %s", expected, d).isInstanceOf(Decision.Reject.class);
      assertThat(((Decision.Reject<?>) d).reason()).isEqualTo(expected);
      assertThat(((Decision.Reject<?>) d).reason().cause()).isNotBlank();
    }
  }

  // ---- request_promise: rules that are not amounts ----

  static Stream<Arguments> nonAmountRules() {
    Case b = Case.base();
    PromiseRequest r = b.req();
    return Stream.of(
        Arguments.of("accepts the base case", b, null),
        Arguments.of(
            "2: another hermes",
            b.req(
                new PromiseRequest(
                    r.emChainId(),
                    addr("dd"),
                    r.emSigner(),
                    r.promiseSigner(),
                    r.provider(),
                    r.agreementId(),
                    r.agreementTotal(),
                    r.promise(),
                    r.transactorFee(),
                    r.rRecoveryData(),
                    false)),
            Rejection.WRONG_HERMES),
        Arguments.of(
            "2: EM chain differs from promise chain",
            b.req(
                new PromiseRequest(
                    CHAIN,
                    HERMES,
                    C,
                    C,
                    P,
                    id(7),
                    n(50),
                    cp(OTHER_CHAIN, chan(C), n(110), n(0), H1, SIG),
                    n(5),
                    null,
                    false)),
            Rejection.WRONG_CHAIN),
        Arguments.of(
            "2: chain not served",
            b.req(
                new PromiseRequest(
                    OTHER_CHAIN,
                    HERMES,
                    C,
                    C,
                    P,
                    id(7),
                    n(50),
                    cp(OTHER_CHAIN, chan(C), n(110), n(0), H1, SIG),
                    n(5),
                    null,
                    false)),
            Rejection.WRONG_CHAIN),
        Arguments.of(
            "3: promise signed by another key",
            b.req(
                new PromiseRequest(
                    CHAIN, HERMES, C, addr("99"), P, id(7), n(50), r.promise(), n(5), null, false)),
            Rejection.INVALID_SIGNATURE),
        Arguments.of(
            "4: unregistered consumer",
            b.consumerFacts(false, 1000, 0),
            Rejection.CONSUMER_UNREGISTERED),
        Arguments.of(
            "5: promise on another channel",
            b.req(
                new PromiseRequest(
                    CHAIN,
                    HERMES,
                    C,
                    C,
                    P,
                    id(7),
                    n(50),
                    cp(CHAIN, chan(addr("0e")), n(110), n(0), H1, SIG),
                    n(5),
                    null,
                    false)),
            Rejection.CHANNEL_MISMATCH),
        Arguments.of(
            "7: pending promise with recovery data",
            b.provider(
                new ProviderState(
                    CHAIN, prov(P), P, ChannelKind.EARNINGS, n(60), n(1), H2, false, "cafe")),
            Rejection.R_RECOVERY_REQUIRED),
        Arguments.of(
            "7: pending promise without recovery data",
            b.provider(
                new ProviderState(
                    CHAIN, prov(P), P, ChannelKind.EARNINGS, n(60), n(1), H2, false, null)),
            Rejection.PREVIOUS_R_NOT_REVEALED),
        Arguments.of(
            "retry of the same exchange is answered again", b.existing(issued(C, 7, 50)), null),
        Arguments.of(
            "same hashlock, another exchange",
            b.existing(issued(C, 7, 49)),
            Rejection.HASHLOCK_REUSED),
        Arguments.of(
            "no facts of the hub contract",
            b.chain(
                new ChainFacts.View(
                    b.chain().consumer(),
                    b.chain().provider(),
                    b.chain().earnings(),
                    ChainFacts.Hermes.UNKNOWN,
                    NOW)),
            Rejection.UNAVAILABLE),
        Arguments.of(
            "stale chain facts",
            b.chain(
                new ChainFacts.View(
                    b.chain().consumer(),
                    b.chain().provider(),
                    b.chain().earnings(),
                    b.chain().hermes(),
                    NOW.minus(Duration.ofMinutes(11)))),
            Rejection.UNAVAILABLE));
  }

  static IssuedPromise issued(Address consumer, long agreementId, long total) {
    return new IssuedPromise(
        consumer,
        P,
        id(agreementId),
        n(total),
        n(10),
        cp(CHAIN, chan(C), n(110), n(0), H1, SIG),
        UnsignedPromise.forProviderChannel(CHAIN, prov(P), n(70), n(5), H1),
        "beef");
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("nonAmountRules")
  void nonAmountRules(String name, Case c, Rejection expected) {
    assertOutcome(decide(c), expected);
  }

  // ---- request_promise: amount rules, each below / equal / above its bound ----

  static Stream<Arguments> amountRules() {
    Case b = Case.base(); // G=100, lastT=40, total=50 (delta 10), amount 110, balance 1000
    return Stream.of(
        // 8: agreement total vs last accepted total (40)
        Arguments.of(
            "8 total below last",
            b.req(Case.request(39, 110, 5, false)),
            Rejection.PAYMENT_VALUE_TOO_LOW),
        Arguments.of(
            "8 total equal to last (delta 0)", b.req(Case.request(40, 100, 5, false)), null),
        Arguments.of("8 total above last", b.req(Case.request(41, 101, 5, false)), null),
        // 9: promise amount vs G + delta (110)
        Arguments.of(
            "9 amount below G+delta",
            b.req(Case.request(50, 109, 5, false)),
            Rejection.PROMISE_VALUE_TOO_LOW),
        Arguments.of("9 amount equal to G+delta", b.req(Case.request(50, 110, 5, false)), null),
        Arguments.of("9 amount above G+delta", b.req(Case.request(50, 111, 5, false)), null),
        // 10: unsettled (max(amount, G+delta) - settled) vs balance; amount 110, settled 10 -> 100
        Arguments.of("10 unsettled below balance", b.consumerFacts(true, 101, 10), null),
        Arguments.of("10 unsettled equal to balance", b.consumerFacts(true, 100, 10), null),
        Arguments.of(
            "10 unsettled above balance", b.consumerFacts(true, 99, 10), Rejection.OVERSPENDING),
        // 11: staked provider, new amount (60+10=70) - settled (20) = 50 vs stake
        Arguments.of("11 stake above unsettled", b.providerFacts(20, 51), null),
        Arguments.of("11 stake equal to unsettled", b.providerFacts(20, 50), null),
        Arguments.of(
            "11 stake below unsettled",
            b.providerFacts(20, 49),
            Rejection.PROVIDER_BALANCE_EXHAUSTED),
        // 11: provider settled on chain vs the hub's latest amount (60)
        Arguments.of("11 settled below latest", b.providerFacts(59, 0), null),
        Arguments.of("11 settled equal to latest", b.providerFacts(60, 0), null),
        Arguments.of(
            "11 settled above latest",
            b.providerFacts(61, 0),
            Rejection.INVALID_PREVIOUS_LATEST_PROMISE),
        // 12: transactor fee vs the maximum (1000)
        Arguments.of("12 fee below max", b.req(Case.request(50, 110, 999, false)), null),
        Arguments.of("12 fee equal to max", b.req(Case.request(50, 110, 1000, false)), null),
        Arguments.of(
            "12 fee above max",
            b.req(Case.request(50, 110, 1001, false)),
            Rejection.TRANSACTOR_FEE_TOO_HIGH));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("amountRules")
  void amountRules(String name, Case c, Rejection expected) {
    assertOutcome(decide(c), expected);
  }

  static Stream<Arguments> zeroStakeCap() {
    // provider latest 60, delta 10 -> 70 unsettled with settled 0; the cap is maxStake
    return Stream.of(
        Arguments.of("cap above unsettled", 71L, null),
        Arguments.of("cap equal to unsettled", 70L, null),
        Arguments.of("cap below unsettled", 69L, Rejection.PROVIDER_BALANCE_EXHAUSTED));
  }

  @ParameterizedTest(name = "11 zero stake, hermes maxStake: {0}")
  @MethodSource("zeroStakeCap")
  void zeroStakeUsesHermesMaxStake(String name, long cap, Rejection expected) {
    Case b = Case.base();
    Case c =
        b.chain(
            new ChainFacts.View(
                b.chain().consumer(),
                b.chain().provider(),
                b.chain().earnings(),
                new ChainFacts.Hermes(0, 2000, n(0), n(cap), n(0)),
                NOW));
    assertOutcome(decide(c), expected);
  }

  @ParameterizedTest(name = "11 zero stake, configured cap: {0}")
  @MethodSource("zeroStakeCap")
  void zeroStakeUsesConfiguredCap(String name, long cap, Rejection expected) {
    Decisions d =
        new Decisions(
            new HubPolicy(HERMES, OPERATOR, Set.of(CHAIN), MAX_FEE, n(cap), true),
            CHANNELS,
            CLOCK,
            null);
    Decision<PromiseAccepted> out = d.requestPromise(Case.base().input());
    assertOutcome(out, expected);
  }

  @Test
  void anExitingConsumerGetsNoMorePromises() {
    Case b = Case.base();
    Case exiting =
        b.chain(
            new ChainFacts.View(
                new ChainFacts.Consumer(true, n(1000), n(0), 1_700_000_000L),
                b.chain().provider(),
                b.chain().earnings(),
                b.chain().hermes(),
                NOW));
    assertOutcome(decide(exiting), Rejection.CONSUMER_EXITING);
    assertThat(((Decision.Reject<PromiseAccepted>) decide(exiting)).reason().cause())
        .isEqualTo(Rejection.OVERSPENDING.cause());
  }

  // ---- 11b: solvency guard. delta 10; available 100, collectible 50, settled 30, stake 20:
  // admitted iff promised + 10 - 30 + 20 <= 150, i.e. promised <= 150 ----

  static final Decisions GUARDED =
      new Decisions(
          new HubPolicy(HERMES, OPERATOR, Set.of(CHAIN), MAX_FEE, null, true, true),
          CHANNELS,
          CLOCK,
          null);

  static Stream<Arguments> solvencyGuard() {
    return Stream.of(
        Arguments.of("owed + delta + stake below funds", 149L, null),
        Arguments.of("owed + delta + stake equal to funds", 150L, null),
        Arguments.of("owed + delta + stake above funds", 151L, Rejection.HUB_FUNDS_EXHAUSTED));
  }

  static PromiseInput guarded(Case c, Long promised) {
    ChainFacts.View v = c.chain();
    ChainFacts.View withSolvency =
        new ChainFacts.View(
            v.consumer(),
            v.provider(),
            v.earnings(),
            new ChainFacts.Hermes(0, 2000, n(0), MAX_STAKE, n(100), n(50), n(30), n(20)),
            v.asOf());
    return new PromiseInput(
        c.req(),
        c.consumer(),
        c.provider(),
        c.earnings(),
        c.lastTotal(),
        c.existing(),
        withSolvency,
        promised == null ? null : n(promised));
  }

  @ParameterizedTest(name = "11b {0}")
  @MethodSource("solvencyGuard")
  void solvencyGuard(String name, long promised, Rejection expected) {
    assertOutcome(GUARDED.requestPromise(guarded(Case.base(), promised)), expected);
  }

  @Test
  void theGuardLetsZeroIncrementsAndUnguardedHubsThrough() {
    // delta 0 (total equal to the last one) adds nothing the hub owes
    Case zero = Case.base().req(Case.request(40, 100, 5, false));
    assertOutcome(GUARDED.requestPromise(guarded(zero, 1_000_000L)), null);
    // the guard is off by policy, or the ledger is unknown
    assertOutcome(D.requestPromise(guarded(Case.base(), 1_000_000L)), null);
    assertOutcome(GUARDED.requestPromise(guarded(Case.base(), null)), null);
  }

  // ---- what an acceptance records ----

  @Test
  void acceptanceProducesTheNextStates() {
    PromiseAccepted a = ((Decision.Accept<PromiseAccepted>) decide(Case.base())).value();
    assertThat(a.replay()).isFalse();
    assertThat(a.consumer().grandTotal()).isEqualTo(n(110));
    assertThat(a.consumer().latest().amount()).isEqualTo(n(110));
    assertThat(a.provider().amount()).isEqualTo(n(70));
    assertThat(a.provider().hashlock()).isEqualTo(H1);
    assertThat(a.provider().revealed()).isFalse();
    assertThat(a.provider().rRecoveryData()).isEqualTo("beef");
    assertThat(a.agreementTotal()).isEqualTo(n(50));
    assertThat(a.issued().delta()).isEqualTo(n(10));
    assertThat(a.promise())
        .isEqualTo(UnsignedPromise.forProviderChannel(CHAIN, prov(P), n(70), n(5), H1));
  }

  @Test
  void deltaZeroReissuesTheSameProviderAmount() {
    PromiseAccepted a =
        ((Decision.Accept<PromiseAccepted>)
                decide(Case.base().req(Case.request(40, 100, 5, false))))
            .value();
    assertThat(a.promise().amount()).isEqualTo(n(60));
    assertThat(a.consumer().grandTotal()).isEqualTo(n(100));
  }

  @Test
  void aLowerPromiseIsAcceptedButNotStoredAsLatest() {
    Promise higher = cp(CHAIN, chan(C), n(500), n(0), H2, sig(0x68));
    Case c = Case.base().consumer(new ConsumerState(CHAIN, C, n(100), higher));
    PromiseAccepted a = ((Decision.Accept<PromiseAccepted>) decide(c)).value();
    assertThat(a.consumer().latest()).isEqualTo(higher);
    assertThat(a.consumer().grandTotal()).isEqualTo(n(110));
  }

  @Test
  void replayChangesNothing() {
    PromiseAccepted a =
        ((Decision.Accept<PromiseAccepted>) decide(Case.base().existing(issued(C, 7, 50)))).value();
    assertThat(a.replay()).isTrue();
    assertThat(a.consumer()).isNull();
    assertThat(a.promise())
        .isEqualTo(UnsignedPromise.forProviderChannel(CHAIN, prov(P), n(70), n(5), H1));
  }

  // ---- pay_and_settle ----

  static Case withdrawalBase() {
    Case b = Case.base();
    ProviderState wd = ProviderState.empty(CHAIN, wd(C), C, ChannelKind.WITHDRAWAL);
    ProviderState earned =
        new ProviderState(CHAIN, prov(C), C, ChannelKind.EARNINGS, n(5), n(0), H2, true, null);
    // G=100, settled 0, balance 1000: available 900; withdraw 50 with a fresh agreement
    return b.req(Case.request(50, 150, 0, true)).provider(wd).earnings(earned).lastTotal(0);
  }

  static Stream<Arguments> withdrawals() {
    Case b = withdrawalBase();
    return Stream.of(
        Arguments.of("accepts a provider's withdrawal", b, null),
        Arguments.of(
            "EM provider is not the signer",
            b.req(
                new PromiseRequest(
                    CHAIN,
                    HERMES,
                    C,
                    C,
                    P,
                    id(7),
                    n(50),
                    cp(CHAIN, chan(C), n(150), n(0), H1, SIG),
                    n(0),
                    null,
                    true)),
            Rejection.NOT_SELF_PAYMENT),
        Arguments.of(
            "identity never earned", b.earnings(null), Rejection.EXPECTED_PROVIDER_CHANNEL),
        Arguments.of(
            "identity has an opened provider channel on chain",
            b.earnings(null)
                .chain(
                    new ChainFacts.View(
                        b.chain().consumer(),
                        b.chain().provider(),
                        new ChainFacts.ProviderChannel(n(1), n(0)),
                        b.chain().hermes(),
                        NOW)),
            null),
        // available = balance - (max(G, latest) - settled) = balance - 100
        Arguments.of("amount below available", b.consumerFacts(true, 151, 0), null),
        Arguments.of("amount equal to available", b.consumerFacts(true, 150, 0), null),
        Arguments.of(
            "amount above available", b.consumerFacts(true, 149, 0), Rejection.OVERSPENDING));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("withdrawals")
  void withdrawals(String name, Case c, Rejection expected) {
    assertOutcome(decide(c), expected);
  }

  @Test
  void withdrawalAvailabilityCountsAHigherLatestPromise() {
    // latest consumer promise 300 > G 100: available = 1000 - 300 = 700; the promise must still
    // cover G+delta, so rule 10 passes with amount 350 while 750 exceeds the available
    Promise latest = cp(CHAIN, chan(C), n(300), n(0), H2, sig(0x53));
    Case c =
        withdrawalBase()
            .consumer(new ConsumerState(CHAIN, C, n(100), latest))
            .req(Case.request(750, 900, 0, true));
    assertOutcome(decide(c), Rejection.WITHDRAWAL_EXCEEDS_AVAILABLE);
    Case ok =
        withdrawalBase()
            .consumer(new ConsumerState(CHAIN, C, n(100), latest))
            .req(Case.request(700, 900, 0, true));
    assertOutcome(decide(ok), null);
  }

  @Test
  void withdrawalsCanBeSwitchedOff() {
    Decisions d =
        new Decisions(
            new HubPolicy(HERMES, OPERATOR, Set.of(CHAIN), MAX_FEE, null, false),
            CHANNELS,
            CLOCK,
            null);
    assertOutcome(d.requestPromise(withdrawalBase().input()), Rejection.PAY_AND_SETTLE_DISABLED);
  }

  // ---- reveal_r ----

  @Test
  void revealRules() {
    ProviderState pending =
        new ProviderState(CHAIN, prov(P), P, ChannelKind.EARNINGS, n(70), n(5), H1, false, "beef");
    ProviderState done =
        new ProviderState(CHAIN, prov(P), P, ChannelKind.EARNINGS, n(70), n(5), H1, true, "beef");
    ProviderState wd = ProviderState.empty(CHAIN, wd(P), P, ChannelKind.WITHDRAWAL);
    RevealRequest right = new RevealRequest(P, R1, H1, id(7));
    RevealRequest wrong = new RevealRequest(P, R2, H2, id(7));

    assertOutcome(D.revealR(right, List.of(done, wd)), Rejection.NO_PREVIOUS_PROMISE);
    assertOutcome(D.revealR(wrong, List.of(pending, wd)), Rejection.HASHLOCK_MISMATCH);
    Decision<RevealAccepted> ok = D.revealR(right, List.of(wd, pending));
    assertOutcome(ok, null);
    RevealAccepted a = ((Decision.Accept<RevealAccepted>) ok).value();
    assertThat(a.provider().revealed()).isTrue();
    assertThat(a.hashlock()).isEqualTo(H1);
    assertThat(a.r()).isEqualTo(R1);
  }

  // ---- change_promise_fee ----

  static Stream<Arguments> changeFee() {
    ProviderState stored =
        new ProviderState(CHAIN, prov(P), P, ChannelKind.EARNINGS, n(70), n(5), H1, true, null);
    UnsignedPromise same = UnsignedPromise.forProviderChannel(CHAIN, prov(P), n(70), n(5), H1);
    return Stream.of(
        Arguments.of("accepts", new ChangeFeeRequest(same, OPERATOR, n(9)), stored, null),
        Arguments.of(
            "not our signature",
            new ChangeFeeRequest(same, C, n(9)),
            stored,
            Rejection.INVALID_SIGNATURE),
        Arguments.of(
            "chain not served",
            new ChangeFeeRequest(
                UnsignedPromise.forProviderChannel(OTHER_CHAIN, prov(P), n(70), n(5), H1),
                OPERATOR,
                n(9)),
            stored,
            Rejection.WRONG_CHAIN),
        Arguments.of(
            "unknown channel",
            new ChangeFeeRequest(same, OPERATOR, n(9)),
            null,
            Rejection.RESOURCE_NOT_FOUND),
        Arguments.of(
            "older promise",
            new ChangeFeeRequest(
                UnsignedPromise.forProviderChannel(CHAIN, prov(P), n(69), n(5), H1),
                OPERATOR,
                n(9)),
            stored,
            Rejection.NOT_LATEST_PROMISE),
        Arguments.of(
            "another hashlock",
            new ChangeFeeRequest(
                UnsignedPromise.forProviderChannel(CHAIN, prov(P), n(70), n(5), H2),
                OPERATOR,
                n(9)),
            stored,
            Rejection.NOT_LATEST_PROMISE),
        Arguments.of("fee below max", new ChangeFeeRequest(same, OPERATOR, n(999)), stored, null),
        Arguments.of(
            "fee equal to max", new ChangeFeeRequest(same, OPERATOR, n(1000)), stored, null),
        Arguments.of(
            "fee above max",
            new ChangeFeeRequest(same, OPERATOR, n(1001)),
            stored,
            Rejection.TRANSACTOR_FEE_TOO_HIGH));
  }

  @ParameterizedTest(name = "change fee: {0}")
  @MethodSource("changeFee")
  void changeFee(String name, ChangeFeeRequest req, ProviderState stored, Rejection expected) {
    Decision<ProviderState> d = D.changeFee(req, stored);
    assertOutcome(d, expected);
    if (expected == null) {
      ProviderState next = ((Decision.Accept<ProviderState>) d).value();
      assertThat(next.fee()).isEqualTo(req.newFee());
      assertThat(next.amount()).isEqualTo(stored.amount());
      assertThat(next.hashlock()).isEqualTo(stored.hashlock());
    }
  }

  // ---- sync_promise ----

  static Stream<Arguments> sync() {
    ProviderState stored =
        new ProviderState(CHAIN, prov(P), P, ChannelKind.EARNINGS, n(70), n(5), H1, true, null);
    UnaryOperator<Long> id = x -> x;
    return Stream.of(
        Arguments.of(
            "amount below stored",
            new SyncRequest(hp(69, H2), P, OPERATOR),
            stored,
            Rejection.SYNC_AMOUNT_TOO_LOW),
        Arguments.of(
            "amount equal to stored", new SyncRequest(hp(70, H2), P, OPERATOR), stored, null),
        Arguments.of(
            "amount above stored",
            new SyncRequest(hp(id.apply(71L), H2), P, OPERATOR),
            stored,
            null),
        Arguments.of(
            "signed by another identity",
            new SyncRequest(hp(80, H2), C, OPERATOR),
            stored,
            Rejection.INVALID_SIGNATURE),
        Arguments.of(
            "promise not signed by the hub",
            new SyncRequest(hp(80, H2), P, C),
            stored,
            Rejection.INVALID_SIGNATURE),
        Arguments.of(
            "chain not served",
            new SyncRequest(
                UnsignedPromise.forProviderChannel(OTHER_CHAIN, prov(P), n(80), n(5), H2),
                P,
                OPERATOR),
            stored,
            Rejection.WRONG_CHAIN));
  }

  static UnsignedPromise hp(long amount, Bytes32 hashlock) {
    return UnsignedPromise.forProviderChannel(CHAIN, prov(P), n(amount), n(5), hashlock);
  }

  @ParameterizedTest(name = "sync: {0}")
  @MethodSource("sync")
  void sync(String name, SyncRequest req, ProviderState stored, Rejection expected) {
    Decision<ProviderState> d = D.syncPromise(req, stored);
    assertOutcome(d, expected);
    if (expected == null) {
      ProviderState next = ((Decision.Accept<ProviderState>) d).value();
      assertThat(next.amount()).isEqualTo(req.promise().amount());
      assertThat(next.hashlock()).isEqualTo(req.promise().hashlock());
      assertThat(next.pendingReveal()).isTrue();
    }
  }

  // ---- refresh_promise ----

  @Test
  void refreshRules() {
    ProviderState stored =
        new ProviderState(CHAIN, prov(P), P, ChannelKind.EARNINGS, n(70), n(5), H1, true, null);
    ProviderState empty = ProviderState.empty(CHAIN, prov(P), P, ChannelKind.EARNINGS);
    assertOutcome(
        D.refreshPromise(new RefreshRequest(CHAIN, P, C, H2, "ab"), stored),
        Rejection.INVALID_SIGNATURE);
    assertOutcome(
        D.refreshPromise(new RefreshRequest(OTHER_CHAIN, P, P, H2, "ab"), stored),
        Rejection.WRONG_CHAIN);
    assertOutcome(
        D.refreshPromise(new RefreshRequest(CHAIN, P, P, H2, "ab"), empty),
        Rejection.RESOURCE_NOT_FOUND);
    Decision<ProviderState> ok =
        D.refreshPromise(new RefreshRequest(CHAIN, P, P, H2, "ab"), stored);
    ProviderState next = ((Decision.Accept<ProviderState>) ok).value();
    assertThat(next.amount()).isEqualTo(n(70));
    assertThat(next.hashlock()).isEqualTo(H2);
    assertThat(next.pendingReveal()).isTrue();
    assertThat(next.rRecoveryData()).isEqualTo("ab");
    // the same refresh again changes nothing
    assertThat(
            ((Decision.Accept<ProviderState>)
                    D.refreshPromise(new RefreshRequest(CHAIN, P, P, H2, "ab"), next))
                .value())
        .isEqualTo(next);
  }

  /** The tests above that each assert a rejection outside the tables. */
  static final Map<Rejection, String> SINGLE_CASES =
      Map.of(
          Rejection.CONSUMER_EXITING, "anExitingConsumerGetsNoMorePromises",
          Rejection.PAY_AND_SETTLE_DISABLED, "withdrawalsCanBeSwitchedOff",
          Rejection.NO_PREVIOUS_PROMISE, "revealRules",
          Rejection.HASHLOCK_MISMATCH, "revealRules",
          Rejection.WITHDRAWAL_EXCEEDS_AVAILABLE,
              "withdrawalAvailabilityCountsAHigherLatestPromise");

  /**
   * Every reason the core can produce has a case above (the others come from the HTTP edge and the
   * relay): read from the tables and the single-case tests, whatever runs.
   */
  @Test
  void everyCoreRejectionHasACase() throws Exception {
    Set<Rejection> edgeOnly =
        EnumSet.of(
            Rejection.MALFORMED_JSON,
            Rejection.MISSING_AUTHORIZATION,
            Rejection.METHOD_NOT_ALLOWED,
            Rejection.PAYLOAD_TOO_LARGE,
            Rejection.TOO_MANY_SIMULTANEOUS_REQUESTS,
            Rejection.INTERNAL_ERROR,
            // requests that are not valid HTTP (MalformedHttpIT)
            Rejection.MALFORMED_REQUEST,
            Rejection.URI_TOO_LONG,
            Rejection.HEADERS_TOO_LARGE,
            Rejection.EXPECTATION_FAILED,
            // the relay's own checks (RelayChecksTest)
            Rejection.FEE_BELOW_QUOTE,
            Rejection.NOT_SETTLEABLE,
            Rejection.ALREADY_REGISTERED);
    Set<Rejection> covered = EnumSet.noneOf(Rejection.class);
    Stream.of(
            nonAmountRules(),
            amountRules(),
            zeroStakeCap(),
            solvencyGuard(),
            withdrawals(),
            changeFee(),
            sync())
        .flatMap(s -> s)
        .flatMap(a -> Stream.of(a.get()))
        .filter(Rejection.class::isInstance)
        .forEach(r -> covered.add((Rejection) r));
    for (Map.Entry<Rejection, String> e : SINGLE_CASES.entrySet()) {
      assertThat(
              DecisionsTest.class.getDeclaredMethod(e.getValue()).isAnnotationPresent(Test.class))
          .as("%s is a test", e.getValue())
          .isTrue();
      covered.add(e.getKey());
    }
    Set<Rejection> missing = EnumSet.allOf(Rejection.class);
    missing.removeAll(edgeOnly);
    missing.removeAll(covered);
    assertThat(missing).as("core rejections without a case").isEmpty();
  }
}
