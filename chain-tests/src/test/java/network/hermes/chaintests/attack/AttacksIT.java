package network.hermes.chaintests.attack;

import static network.hermes.contracts.deploy.DeploymentPlan.myst;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigInteger;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import network.hermes.chaintests.support.Api;
import network.hermes.chaintests.support.ConsumerNode;
import network.hermes.chaintests.support.HubCalls;
import network.hermes.chaintests.support.ProviderNode;
import network.hermes.chaintests.support.SharedWorld;
import network.hermes.chaintests.support.Snapshot;
import network.hermes.chaintests.support.World;
import network.hermes.contracts.chain.ChainException;
import network.hermes.contracts.deploy.Deployment;
import network.hermes.hubclient.HubCause;
import network.hermes.hubclient.HubClient;
import network.hermes.hubclient.HubException;
import network.hermes.hubclient.RelayFeeKind;
import network.hermes.promise.crypto.Keccak;
import network.hermes.promise.message.ExchangeMessage;
import network.hermes.promise.message.Invoice;
import network.hermes.promise.message.Promise;
import network.hermes.promise.message.UnsignedPromise;
import network.hermes.promise.value.Address;
import network.hermes.promise.value.Bytes32;
import network.hermes.promise.value.ChainId;
import network.hermes.promise.value.Signature;
import network.hermes.promise.value.TokenAmount;
import network.hermes.promise.wire.ChangePromiseFeeRequest;
import network.hermes.promise.wire.RelayJob;
import network.hermes.promise.wire.RelaySettlement;
import network.hermes.promise.wire.RequestPromiseRequest;
import network.hermes.promise.wire.RevealRequest;
import network.hermes.promise.wire.SyncPromiseRequest;
import network.hermes.promise.wire.WireJson;
import network.hermes.testkit.HubProcess;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The attacks of issue 13 that need no tunnel, each against the real hub process and contracts:
 * every one fails with its documented cause and status, and moves no money: the hub's rows about
 * the identities involved, its data endpoints and the MYST of the addresses involved are the same
 * afterwards (a {@link Snapshot} before and after).
 */
@ExtendWith(SharedWorld.class)
class AttacksIT {
  static final SecureRandom RANDOM = new SecureRandom();
  static final ObjectMapper JSON = new ObjectMapper();

  /** The order of secp256k1's group: s and n - s are the two signatures of one message. */
  static final BigInteger N =
      new BigInteger("FFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFEBAAEDCE6AF48A03BBFD25E8CD0364141", 16);

  static World world;
  static Api api;

  @BeforeAll
  static void setUp(World shared) {
    world = shared;
    api = new Api(world.hubProcess().apiUrl());
  }

  /** A consumer with 10 MYST that paid a provider 1 MYST (revealed), and their session. */
  record Scene(ConsumerNode consumer, ProviderNode provider, ProviderNode.Agreement session) {
    List<Address> identities() {
      return List.of(consumer.identity(), provider.identity());
    }

    List<Address> addresses() {
      return List.of(consumer.channel(), provider.beneficiary());
    }
  }

  static Scene scene(String label) throws HubException {
    ConsumerNode consumer = world.consumer(label, myst(10));
    ProviderNode provider = world.provider(label);
    ProviderNode.Agreement session = provider.agree(consumer);
    provider.earn(world.hub(), session, myst(1));
    return new Scene(consumer, provider, session);
  }

  static Snapshot snapshot(Scene s, Address... more) {
    List<Address> addresses = new ArrayList<>(s.addresses());
    addresses.addAll(List.of(more));
    return Snapshot.take(world, s.identities(), addresses);
  }

  static void assertUnchanged(Snapshot before, Scene s, Address... more) {
    assertThat(snapshot(s, more).changesSince(before)).as("changes made by the attack").isEmpty();
  }

  static void assertRefused(Api.Answer answer, int status, String cause) {
    assertThat(answer.isErrorShape()).as("an error in the API's shape: %s", answer).isTrue();
    assertThat(answer.status()).as("%s", answer.body()).isEqualTo(status);
    assertThat(answer.cause()).as("%s", answer.body()).isEqualTo(cause);
  }

  static void assertRefused(Callable<?> call, int status, HubCause cause) {
    assertThatThrownBy(call::call)
        .isInstanceOfSatisfying(
            HubException.class,
            e -> {
              assertThat(e.kind()).as(e.getMessage()).isEqualTo(cause);
              assertThat(e.status()).as(e.getMessage()).isEqualTo(status);
            });
  }

  static Bytes32 freshR() {
    return Bytes32.random(RANDOM);
  }

  /** The next invoice of the session, for {@code delta} more, locked with {@code r}. */
  static Invoice next(Scene s, TokenAmount delta, Bytes32 r) {
    return s.provider.invoice(s.session, delta, r);
  }

  static String body(RequestPromiseRequest request) {
    return WireJson.writeRequestPromise(request);
  }

  static Signature highS(Signature sig) {
    BigInteger s = sig.s().toBigInteger();
    int v = sig.withV27().v() == 27 ? 28 : 27;
    return Signature.of(sig.r(), Bytes32.fromUint256(N.subtract(s)), v);
  }

  static Signature withV(Signature sig, int v) {
    return Signature.of(sig.r(), sig.s(), v);
  }

  static ExchangeMessage resigned(ExchangeMessage m, Signature signature) {
    return new ExchangeMessage(
        m.promise(),
        m.agreementId(),
        m.agreementTotal(),
        m.provider(),
        m.hermesId(),
        m.chainId(),
        signature);
  }

  static Promise withSignature(Promise p, Signature signature) {
    return new Promise(
        p.chainId(), p.channelId(), p.amount(), p.fee(), p.hashlock(), p.r(), signature);
  }

  @Test
  void replayingAnOldExchangeMessageGetsBackTheOldPromiseAndChangesNothing() throws Exception {
    Scene s = scene("replay");
    Bytes32 r = freshR();
    ExchangeMessage first = s.consumer.pay(next(s, myst(1), r));
    RequestPromiseRequest request = s.provider.request(first, r);
    Promise issued = world.hub().requestPromise(request);
    s.consumer.accepted(first);
    world.hub().revealR(new RevealRequest(r, s.provider.identity(), s.session.id()));
    Snapshot before = snapshot(s);

    // the identical request, the same exchange with other recovery data, and a third time later
    assertThat(world.hub().requestPromise(request)).isEqualTo(issued);
    assertThat(world.hub().requestPromise(s.provider.request(first, r))).isEqualTo(issued);
    assertThat(world.hub().requestPromise(request)).isEqualTo(issued);
    // revealing its R again
    assertRefused(
        () -> {
          world.hub().revealR(new RevealRequest(r, s.provider.identity(), s.session.id()));
          return null;
        },
        404,
        HubCause.NO_PREVIOUS_PROMISE);
    assertUnchanged(before, s);
  }

  @Test
  void theSamePromiseSentForTwoProvidersIsRefusedForTheSecond() throws Exception {
    Scene s = scene("two-providers");
    ProviderNode other = world.provider("two-providers other");
    Bytes32 r = freshR();
    Invoice invoice = next(s, myst(1), r);
    ExchangeMessage paid = s.consumer.pay(invoice);
    world.hub().requestPromise(s.provider.request(paid, r));
    s.consumer.accepted(paid);
    // the same promise (amount and hashlock) in an exchange message for another provider
    ProviderNode.Agreement otherSession = other.agree(s.consumer);
    Invoice forOther =
        new Invoice(
            otherSession.id(),
            myst(1),
            TokenAmount.ZERO,
            invoice.hashlock(),
            other.identity(),
            invoice.chainId());
    ExchangeMessage again =
        s.consumer.exchange(
            forOther, paid.promise().amount(), myst(1), other.identity(), world.deployment());
    assertThat(again.promise()).isEqualTo(paid.promise());
    Snapshot before =
        Snapshot.take(
            world,
            List.of(s.consumer.identity(), s.provider.identity(), other.identity()),
            List.of(s.consumer.channel(), other.beneficiary()));
    assertRefused(
        () -> world.hub().requestPromise(other.request(again, r)),
        409,
        HubCause.PROMISE_VALUE_TOO_LOW);
    assertThat(
            Snapshot.take(
                    world,
                    List.of(s.consumer.identity(), s.provider.identity(), other.identity()),
                    List.of(s.consumer.channel(), other.beneficiary()))
                .changesSince(before))
        .as("changes made by the attack")
        .isEmpty();
  }

  @Test
  void aPromiseForAnotherChainChannelOrHubIsRefused() throws Exception {
    Scene s = scene("elsewhere");
    Snapshot before = snapshot(s);
    Deployment d = world.deployment();
    TokenAmount amount = s.consumer.promised().plus(myst(1));
    TokenAmount total = s.session.total().plus(myst(1));
    Address provider = s.provider.identity();

    Bytes32 r1 = freshR();
    Invoice otherChain = withChain(next(s, myst(1), r1), ChainId.of(999));
    ExchangeMessage m1 = s.consumer.exchange(otherChain, amount, total, provider, d);
    assertRefused(
        () -> world.hub().requestPromise(s.provider.request(m1, r1)),
        400,
        HubCause.INVALID_SIGNATURE);

    // the exchange message on this chain, its promise on another
    Bytes32 r2 = freshR();
    ExchangeMessage right = s.consumer.exchange(next(s, myst(1), r2), amount, total, provider, d);
    Promise elsewhere =
        new UnsignedPromise(
                ChainId.of(999),
                right.promise().channelId(),
                amount,
                TokenAmount.ZERO,
                right.promise().hashlock())
            .sign(s.consumer.signer());
    ExchangeMessage m2 = rewrap(s, right, elsewhere);
    assertRefused(
        () -> world.hub().requestPromise(s.provider.request(m2, r2)),
        400,
        HubCause.INVALID_SIGNATURE);

    // a promise drawn on a channel with another hub, in an exchange message for this one
    Bytes32 r3 = freshR();
    Deployment otherHub =
        new Deployment(
            d.chainId(),
            d.token(),
            d.registry(),
            d.channelImplementation(),
            d.hermesImplementation(),
            world.address("elsewhere other hub"),
            d.hermesOperator(),
            d.dexRouter(),
            d.deploymentBlock());
    ExchangeMessage drawnElsewhere =
        s.consumer.exchange(next(s, myst(1), r3), amount, total, provider, otherHub);
    Promise onOtherChannel = drawnElsewhere.promise();
    ExchangeMessage m3 = rewrap(s, right, onOtherChannel);
    assertRefused(
        () -> world.hub().requestPromise(s.provider.request(m3, r3)),
        400,
        HubCause.INVALID_SIGNATURE);

    // an exchange message for another hub
    assertRefused(
        () -> world.hub().requestPromise(s.provider.request(drawnElsewhere, r3)),
        400,
        HubCause.INVALID_SIGNATURE);
    assertUnchanged(before, s);
  }

  static Invoice withChain(Invoice i, ChainId chain) {
    return new Invoice(
        i.agreementId(), i.agreementTotal(), i.transactorFee(), i.hashlock(), i.provider(), chain);
  }

  /** The consumer's exchange message around another promise (both signed by the consumer). */
  static ExchangeMessage rewrap(Scene s, ExchangeMessage m, Promise promise) {
    return ExchangeMessage.builder()
        .promise(promise)
        .agreementId(m.agreementId())
        .agreementTotal(m.agreementTotal())
        .provider(m.provider())
        .hermesId(m.hermesId())
        .chainId(m.chainId())
        .sign(s.consumer.signer());
  }

  @Test
  void aForgedHubPromiseIsRefusedEverywhereAndPaysNothing() throws Exception {
    Scene s = scene("forged");
    Promise real = s.provider.latest();
    Bytes32 r = freshR();
    // the provider signs a hub promise of 5 MYST on its own channel with its own key
    Promise forged =
        UnsignedPromise.forProviderChannel(
                world.deployment().chainId(),
                s.provider.channelId(),
                myst(5),
                TokenAmount.ZERO,
                Keccak.hash(r.toBytes()))
            .sign(s.provider.signer())
            .withR(r);
    Snapshot before = snapshot(s, world.chain().attackerAddress());
    assertRefused(
        () ->
            world
                .hub()
                .submit(
                    RelaySettlement.of(
                        RelaySettlement.Kind.SETTLE_AND_REBALANCE,
                        world.deployment().hermesId(),
                        s.provider.identity(),
                        forged,
                        r)),
        400,
        HubCause.INVALID_SIGNATURE);
    assertRefused(
        () -> world.hub().changePromiseFee(new ChangePromiseFeeRequest(forged, TokenAmount.of(1))),
        400,
        HubCause.INVALID_SIGNATURE);
    assertRefused(
        () -> {
          world
              .hub()
              .syncPromise(
                  new SyncPromiseRequest(
                      forged.channelId(),
                      forged.chainId(),
                      forged.amount(),
                      forged.fee(),
                      forged.hashlock(),
                      forged.signature()),
                  s.provider.signer());
          return null;
        },
        400,
        HubCause.INVALID_SIGNATURE);
    // and on chain, sent by anyone: the hub contract checks its operator's signature
    assertThatThrownBy(
            () -> world.chain().attackerSettlesProviderPromise(s.provider.identity(), forged, r))
        .isInstanceOf(ChainException.class)
        .hasMessageContaining("InvalidPromiseSignature");
    assertUnchanged(before, s, world.chain().attackerAddress());
    assertThat(s.provider.latest()).isEqualTo(real);
  }

  @Test
  void aProviderCannotAskForMoreThanItsInvoices() throws Exception {
    Scene s = scene("more-than-invoiced");
    Bytes32 r = freshR();
    ExchangeMessage paid = s.consumer.pay(next(s, myst(1), r));
    Snapshot before = snapshot(s);
    // a higher agreement total, or a higher promise, under the consumer's signatures
    ExchangeMessage moreTotal =
        new ExchangeMessage(
            paid.promise(),
            paid.agreementId(),
            paid.agreementTotal().plus(myst(5)),
            paid.provider(),
            paid.hermesId(),
            paid.chainId(),
            paid.signature());
    assertRefused(
        () -> world.hub().requestPromise(s.provider.request(moreTotal, r)),
        400,
        HubCause.INVALID_SIGNATURE);
    Promise p = paid.promise();
    ExchangeMessage morePromised =
        new ExchangeMessage(
            new Promise(
                p.chainId(),
                p.channelId(),
                p.amount().plus(myst(5)),
                p.fee(),
                p.hashlock(),
                null,
                p.signature()),
            paid.agreementId(),
            paid.agreementTotal(),
            paid.provider(),
            paid.hermesId(),
            paid.chainId(),
            paid.signature());
    assertRefused(
        () -> world.hub().requestPromise(s.provider.request(morePromised, r)),
        400,
        HubCause.INVALID_SIGNATURE);
    // the hub's promise with a higher amount: to the relay, for a fee change, as a "sync"
    Promise latest = s.provider.latest();
    Promise inflated =
        new Promise(
            latest.chainId(),
            latest.channelId(),
            latest.amount().plus(myst(5)),
            latest.fee(),
            latest.hashlock(),
            latest.r(),
            latest.signature());
    assertRefused(
        () ->
            world
                .hub()
                .submit(
                    RelaySettlement.of(
                        RelaySettlement.Kind.SETTLE_AND_REBALANCE,
                        world.deployment().hermesId(),
                        s.provider.identity(),
                        inflated,
                        latest.r())),
        400,
        HubCause.INVALID_SIGNATURE);
    assertRefused(
        () -> world.hub().changePromiseFee(new ChangePromiseFeeRequest(inflated, TokenAmount.ZERO)),
        400,
        HubCause.INVALID_SIGNATURE);
    assertRefused(
        () -> {
          world
              .hub()
              .syncPromise(
                  new SyncPromiseRequest(
                      inflated.channelId(),
                      inflated.chainId(),
                      inflated.amount(),
                      inflated.fee(),
                      inflated.hashlock(),
                      inflated.signature()),
                  s.provider.signer());
          return null;
        },
        400,
        HubCause.INVALID_SIGNATURE);
    assertUnchanged(before, s);
  }

  @Test
  void aConsumerCannotOverspendThroughSeveralProvidersAtOnceOnTwoHubs() throws Exception {
    ConsumerNode consumer = world.consumer("overspend", myst(10));
    List<ProviderNode> providers = new ArrayList<>();
    for (int i = 0; i < 16; i++) {
      // providers need no registration to be promised
      ProviderNode p =
          new ProviderNode(
              world.key("overspend provider " + i),
              world.address("overspend beneficiary " + i),
              world.deployment());
      world.remember(p.identity());
      providers.add(p);
    }
    HubProcess second = world.startHub();
    HubClient other = world.clientOf(second);
    // sixteen exchanges of 1 MYST at once, each promise for the whole 10 MYST balance
    List<Callable<Boolean>> attempts = new ArrayList<>();
    for (int i = 0; i < providers.size(); i++) {
      ProviderNode p = providers.get(i);
      HubClient hub = i % 2 == 0 ? world.hub() : other;
      Bytes32 r = freshR();
      ProviderNode.Agreement session = p.agree(consumer);
      ExchangeMessage m =
          consumer.exchange(
              p.invoice(session, myst(1), r), myst(10), myst(1), p.identity(), world.deployment());
      RequestPromiseRequest request = p.request(m, r);
      attempts.add(
          () -> {
            try {
              Promise promise =
                  HubCalls.retrying(
                      "overspend", ProviderNode.PATIENCE, () -> hub.requestPromise(request));
              assertThat(promise.amount()).isEqualTo(myst(1));
              return true;
            } catch (HubException e) {
              assertThat(e.kind())
                  .as(e.getMessage())
                  .isIn(HubCause.PROMISE_VALUE_TOO_LOW, HubCause.CONSUMER_OVERSPENDING);
              return false;
            }
          });
    }
    ExecutorService pool = Executors.newFixedThreadPool(16);
    int accepted = 0;
    try {
      for (Future<Boolean> f : pool.invokeAll(attempts)) {
        accepted += f.get() ? 1 : 0;
      }
    } finally {
      pool.shutdown();
      second.terminate();
    }
    assertThat(accepted).as("exchanges accepted").isEqualTo(10);
    TokenAmount promisedToProviders = TokenAmount.ZERO;
    for (ProviderNode p : providers) {
      try {
        var data = world.hub().providerData(p.identity()).get(world.deployment().chainId());
        if (data != null && data.latestPromise() != null) {
          promisedToProviders = promisedToProviders.plus(data.latestPromise().amount());
        }
      } catch (HubException e) {
        assertThat(e.kind()).isEqualTo(HubCause.RESOURCE_NOT_FOUND);
      }
    }
    assertThat(promisedToProviders).as("promised to providers").isEqualTo(myst(10));
    world.awaitReconciled();
  }

  @Test
  void aHubPromiseSettledTwicePaysOnce() throws Exception {
    Scene s = scene("settled-twice");
    ProviderNode.Settled first = s.provider.settleThroughRelay(world.hub());
    assertThat(first.job().state()).as(first.job().error()).isEqualTo(RelayJob.State.DONE);
    world.awaitReconciled();
    Snapshot before = snapshot(s, world.chain().attackerAddress());
    RelaySettlement again =
        RelaySettlement.of(
            RelaySettlement.Kind.SETTLE_AND_REBALANCE,
            world.deployment().hermesId(),
            s.provider.identity(),
            first.promise(),
            first.promise().r());
    assertRefused(() -> world.hub().submit(again), 409, HubCause.TRANSACTION_WOULD_FAIL);
    assertThatThrownBy(
            () ->
                world
                    .chain()
                    .attackerSettlesProviderPromise(
                        s.provider.identity(), first.promise(), first.promise().r()))
        .isInstanceOf(ChainException.class);
    assertUnchanged(before, s, world.chain().attackerAddress());
  }

  @Test
  void signaturesWithHighSOrAWrongVAreRefused() throws Exception {
    Scene s = scene("malleable");
    Bytes32 r = freshR();
    ExchangeMessage paid = s.consumer.pay(next(s, myst(1), r));
    Snapshot before = snapshot(s);
    Signature em = paid.signature();
    Signature promise = paid.promise().signature();
    for (Signature bad : List.of(highS(em), withV(em, 29), withV(em, 26), flipV(em))) {
      assertRefused(
          () -> world.hub().requestPromise(s.provider.request(resigned(paid, bad), r)),
          400,
          HubCause.INVALID_SIGNATURE);
    }
    for (Signature bad :
        List.of(highS(promise), withV(promise, 29), withV(promise, 2), flipV(promise))) {
      ExchangeMessage inner = rewrap(s, paid, withSignature(paid.promise(), bad));
      assertRefused(
          () -> world.hub().requestPromise(s.provider.request(inner, r)),
          400,
          HubCause.INVALID_SIGNATURE);
    }
    // the hub's own promise, malleated, to its relay
    Promise latest = s.provider.latest();
    for (Signature bad : List.of(highS(latest.signature()), flipV(latest.signature()))) {
      Promise malleated = withSignature(latest, bad);
      assertRefused(
          () ->
              world
                  .hub()
                  .submit(
                      RelaySettlement.of(
                          RelaySettlement.Kind.SETTLE_AND_REBALANCE,
                          world.deployment().hermesId(),
                          s.provider.identity(),
                          malleated,
                          latest.r())),
          400,
          HubCause.INVALID_SIGNATURE);
    }
    assertUnchanged(before, s);
    // v as 0/1 instead of 27/28 is the same signature: accepted, as upstream verifiers do
    Signature zeroOne = withV(em, em.withV27().v() - 27);
    assertThat(world.hub().requestPromise(s.provider.request(resigned(paid, zeroOne), r)).amount())
        .isEqualTo(s.provider.latest().amount().plus(myst(1)));
  }

  static Signature flipV(Signature sig) {
    return withV(sig, sig.withV27().v() == 27 ? 28 : 27);
  }

  @Test
  void revealingAWrongRIsRefusedAndTheRightOneStillWorks() throws Exception {
    Scene s = scene("wrong-r");
    s.provider.earn(world.hub(), s.session, myst(1), false);
    Snapshot before = snapshot(s);
    assertRefused(
        () -> {
          world.hub().revealR(new RevealRequest(freshR(), s.provider.identity(), s.session.id()));
          return null;
        },
        409,
        HubCause.HASHLOCK_MISMATCH);
    assertUnchanged(before, s);
    s.provider.revealLatest(world.hub(), s.session);
    s.provider.earn(world.hub(), s.session, myst(1));
  }

  @Test
  void frontRunningTheRevealedROnChainLeavesEveryoneWhatIsTheirs() throws Exception {
    Scene s = scene("front-run");
    // a promise whose R the provider keeps: it will reveal it on chain, by settling
    s.provider.earn(world.hub(), s.session, myst(2), false);
    Promise latest = s.provider.latest();
    Promise consumerPromise = s.provider.lastExchange().promise();
    TokenAmount fee = world.hub().relayFee(world.deployment().chainId(), RelayFeeKind.SETTLE).fee();
    Promise withFee = world.hub().changePromiseFee(new ChangePromiseFeeRequest(latest, fee));
    RelaySettlement mine =
        RelaySettlement.of(
            RelaySettlement.Kind.SETTLE_AND_REBALANCE,
            world.deployment().hermesId(),
            s.provider.identity(),
            withFee,
            latest.r());
    Address attacker = world.chain().attackerAddress();
    TokenAmount attackerBefore = world.chain().tokenBalance(attacker);
    TokenAmount hubBefore = world.chain().tokenBalance(world.deployment().hermesId());

    // someone copies the provider's settlement and is mined first ...
    world.chain().attackerSettlesProviderPromise(s.provider.identity(), withFee, latest.r());
    // ... and, R now public, settles the consumer's promise on its channel before the hub does
    world.chain().attackerSettlesConsumerPromise(s.consumer.channel(), consumerPromise, latest.r());

    TokenAmount hubFee = world.chain().hermesFee(withFee.amount());
    assertThat(world.chain().tokenBalance(s.provider.beneficiary()))
        .as("the beneficiary got exactly its due")
        .isEqualTo(withFee.amount().minus(hubFee).minus(fee));
    assertThat(world.chain().tokenBalance(attacker))
        .as("the front-runner got the transactor fee the provider offered, nothing else")
        .isEqualTo(attackerBefore.plus(fee));
    assertThat(world.chain().consumerChannel(s.consumer.channel()).settled())
        .as("the consumer's whole promise was settled into the hub contract")
        .isEqualTo(consumerPromise.amount());
    assertThat(world.chain().tokenBalance(world.deployment().hermesId()))
        .isEqualTo(hubBefore.plus(consumerPromise.amount()).minus(withFee.amount()).plus(hubFee));

    // the hub sees both; the provider's own submission has nothing left to settle
    network.hermes.testkit.Waits.untilTrue(
        "the hub to see the settlements",
        World.CHAIN_LAG,
        () ->
            world
                    .hub()
                    .providerData(s.provider.identity())
                    .get(world.deployment().chainId())
                    .settled()
                    .equals(withFee.amount())
                && world
                    .hub()
                    .consumerData(s.consumer.identity())
                    .get(world.deployment().chainId())
                    .settled()
                    .equals(consumerPromise.amount()));
    assertRefused(() -> world.hub().submit(mine), 409, HubCause.TRANSACTION_WOULD_FAIL);
    world.awaitReconciled();
  }

  @Test
  void anUnregisteredIdentityIsRefusedAndPaysNothing() throws Exception {
    // a consumer whose channel holds MYST but which never registered
    ConsumerNode stranger =
        new ConsumerNode(world.key("unregistered consumer"), world.deployment());
    world.remember(stranger.identity());
    world.chain().mint(stranger.channel(), myst(10));
    ProviderNode provider = world.provider("unregistered consumer's provider");
    ProviderNode.Agreement session = provider.agree(stranger);
    Snapshot before =
        Snapshot.take(
            world,
            List.of(stranger.identity(), provider.identity()),
            List.of(stranger.channel(), provider.beneficiary()));
    assertRefused(
        () -> provider.earn(world.hub(), session, myst(1)), 402, HubCause.CONSUMER_UNREGISTERED);
    assertThat(
            Snapshot.take(
                    world,
                    List.of(stranger.identity(), provider.identity()),
                    List.of(stranger.channel(), provider.beneficiary()))
                .changesSince(before))
        .as("changes made by the attack")
        .isEmpty();

    // a provider that never registered is promised (it need not be), but cannot be paid: the
    // relay's job fails at gas estimation and nothing is sent
    ConsumerNode consumer = world.consumer("unregistered provider's consumer", myst(10));
    ProviderNode unregistered =
        new ProviderNode(
            world.key("unregistered provider"),
            world.address("unregistered provider beneficiary"),
            world.deployment());
    world.remember(unregistered.identity());
    unregistered.earn(world.hub(), unregistered.agree(consumer), myst(1));
    TokenAmount hubBefore = world.chain().tokenBalance(world.deployment().hermesId());
    ProviderNode.Settled settled = unregistered.settleThroughRelay(world.hub());
    assertThat(settled.job().state()).isEqualTo(RelayJob.State.ERROR);
    assertThat(settled.job().error()).contains("IdentityNotRegistered");
    assertThat(settled.job().txHash()).as("nothing was sent").isNullOrEmpty();
    assertThat(world.chain().providerChannel(unregistered.channelId()).settled())
        .isEqualTo(TokenAmount.ZERO);
    assertThat(world.chain().tokenBalance(world.deployment().hermesId())).isEqualTo(hubBefore);
  }

  @Test
  void amountsAtAndBeyondTwoToThe256AreRefused() throws Exception {
    Scene s = scene("huge-amounts");
    Snapshot before = snapshot(s);
    TokenAmount max = TokenAmount.of(TokenAmount.MAX_VALUE);
    Address provider = s.provider.identity();
    Deployment d = world.deployment();

    Bytes32 r1 = freshR();
    ExchangeMessage hugePromise =
        s.consumer.exchange(
            next(s, myst(1), r1), max, s.session.total().plus(myst(1)), provider, d);
    assertRefused(
        () -> world.hub().requestPromise(s.provider.request(hugePromise, r1)),
        402,
        HubCause.CONSUMER_OVERSPENDING);
    Bytes32 r2 = freshR();
    ExchangeMessage hugeTotal = s.consumer.exchange(next(s, myst(1), r2), max, max, provider, d);
    assertRefused(
        () -> world.hub().requestPromise(s.provider.request(hugeTotal, r2)),
        402,
        HubCause.CONSUMER_OVERSPENDING);
    Bytes32 r3 = freshR();
    ExchangeMessage fine = s.consumer.pay(next(s, myst(1), r3));
    RequestPromiseRequest hugeFee =
        new RequestPromiseRequest(fine, max, s.provider.request(fine, r3).rRecoveryData());
    assertRefused(() -> world.hub().requestPromise(hugeFee), 400, HubCause.TRANSACTOR_FEE_TOO_HIGH);

    // beyond 2^256-1, negative, fractional, exponent: not an amount at all
    String twoTo256 = BigInteger.ONE.shiftLeft(256).toString();
    ObjectNode valid = (ObjectNode) JSON.readTree(body(s.provider.request(fine, r3)));
    for (String number : List.of(twoTo256, "-1", "1.5", "1e21", "0x10")) {
      for (String field : List.of("transactor_fee", "AgreementTotal", "Amount", "AgreementID")) {
        assertRefused(
            api.post("/api/v2/request_promise", withNumber(valid, field, number)),
            400,
            "malformed json");
      }
    }
    ObjectNode change = JSON.createObjectNode();
    change.set("hermes_promise", JSON.readTree(WireJson.writePromise(s.provider.latest())));
    change.put("new_fee", 0);
    assertRefused(
        api.post(
            "/api/v2/change_promise_fee",
            change.toString().replace("\"new_fee\":0", "\"new_fee\":" + twoTo256)),
        400,
        "malformed json");
    assertUnchanged(before, s);
  }

  /** The body with every {@code field} (at any depth) set to a raw JSON number text. */
  static String withNumber(JsonNode body, String field, String number) {
    ObjectNode copy = body.deepCopy();
    String marker = "\"@@" + field + "@@\"";
    replace(copy, field, "@@" + field + "@@");
    return copy.toString().replace(marker, number);
  }

  private static void replace(JsonNode node, String field, String value) {
    if (node instanceof ObjectNode o) {
      if (o.has(field)) {
        o.put(field, value);
      }
      o.properties().forEach(e -> replace(e.getValue(), field, value));
    }
  }

  @Test
  void malformedDeeplyNestedAndOversizedJsonIsRefused() throws Exception {
    Scene s = scene("malformed");
    Bytes32 r = freshR();
    String valid = body(s.provider.request(s.consumer.pay(next(s, myst(1), r)), r));
    Snapshot before = snapshot(s);
    List<String> malformed =
        List.of(
            "",
            " ",
            "null",
            "[]",
            "{}",
            "\"request\"",
            valid.substring(0, valid.length() / 2),
            valid + "}",
            valid + " trailing",
            valid.replace("\"exchange_message\"", "\"exchange_messages\""),
            valid.replaceFirst(":", "="),
            "{\"exchange_message\":null,\"transactor_fee\":0,\"r_recovery_data\":\"\"}",
            "{\"exchange_message\":\"" + "a".repeat(1000) + "\"}",
            new String(
                new byte[] {(byte) 0xff, (byte) 0xfe, 0x00, 0x7b},
                java.nio.charset.StandardCharsets.ISO_8859_1));
    for (String body : malformed) {
      for (String path :
          List.of("/api/v2/request_promise", "/api/v2/reveal_r", "/api/v2/change_promise_fee")) {
        assertRefused(api.post(path, body), 400, "malformed json");
      }
    }
    // deep nesting, alone and inside a valid request, within the body limit
    String deep = "[".repeat(25_000) + "]".repeat(25_000);
    assertRefused(api.post("/api/v2/request_promise", deep), 400, "malformed json");
    String deepInside = valid.replace("\"transactor_fee\":0", "\"transactor_fee\":" + deep);
    assertThat(deepInside).isNotEqualTo(valid);
    assertRefused(api.post("/api/v2/request_promise", deepInside), 400, "malformed json");
    String deepObjects = "{\"a\":".repeat(10_000) + "1" + "}".repeat(10_000);
    assertRefused(api.post("/api/v2/request_promise", deepObjects), 400, "malformed json");
    // beyond http.max-body-bytes
    String oversized =
        valid.replace("\"r_recovery_data\":\"", "\"r_recovery_data\":\"" + "ab".repeat(40_000));
    assertRefused(api.post("/api/v2/request_promise", oversized), 413, "request body too large");
    assertRefused(
        api.post("/api/v2/request_promise", "[".repeat(200_000)), 413, "request body too large");

    assertThat(api.get("/healthz").status()).as("the hub still serves").isEqualTo(200);
    assertUnchanged(before, s);
    // and the valid request still goes through
    assertThat(api.post("/api/v2/request_promise", valid).status()).isEqualTo(200);
  }
}
