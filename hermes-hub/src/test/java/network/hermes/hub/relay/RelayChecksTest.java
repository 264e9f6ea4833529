package network.hermes.hub.relay;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigInteger;
import java.security.SecureRandom;
import network.hermes.hub.chain.MemoryChainView;
import network.hermes.hub.core.ChainFacts;
import network.hermes.hub.core.Decision;
import network.hermes.hub.core.Rejection;
import network.hermes.promise.crypto.KeySigner;
import network.hermes.promise.crypto.PrivateKey;
import network.hermes.promise.crypto.Secp256k1;
import network.hermes.promise.crypto.Secp256k1s;
import network.hermes.promise.ids.ChannelIds;
import network.hermes.promise.message.BeneficiaryChange;
import network.hermes.promise.message.HashlockSecret;
import network.hermes.promise.message.IdentityRegistration;
import network.hermes.promise.message.PayAndSettleAuthorization;
import network.hermes.promise.message.StakeReturn;
import network.hermes.promise.message.UnsignedPromise;
import network.hermes.promise.value.Address;
import network.hermes.promise.value.Bytes32;
import network.hermes.promise.value.ChainId;
import network.hermes.promise.value.Signature;
import network.hermes.promise.value.TokenAmount;
import network.hermes.promise.wire.RelayRegistration;
import network.hermes.promise.wire.RelayRequest;
import network.hermes.promise.wire.RelaySettlement;
import network.hermes.promise.wire.RelayStakeDecrease;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** What the relay refuses before it queues anything. */
class RelayChecksTest {
  static final Secp256k1 SECP = Secp256k1s.getDefault();
  static final SecureRandom RANDOM = new SecureRandom(new byte[] {3});
  static final ChainId CHAIN_ID = ChainId.of(31337);
  static final Address REGISTRY = Address.fromHex("0x" + "12".repeat(20));
  static final Address HERMES = Address.fromHex("0x" + "34".repeat(20));
  static final PrivateKey OPERATOR = PrivateKey.random(RANDOM);
  static final PrivateKey PROVIDER = PrivateKey.random(RANDOM);
  static final PrivateKey STRANGER = PrivateKey.random(RANDOM);
  static final Address PROVIDER_ID = SECP.addressOf(PROVIDER);
  static final Bytes32 CHANNEL = ChannelIds.providerChannelId(PROVIDER_ID, HERMES);
  static final Bytes32 WITHDRAWAL = ChannelIds.withdrawalChannelId(PROVIDER_ID, HERMES);
  static final Bytes32 R = Bytes32.random(RANDOM);

  final MemoryChainView view = new MemoryChainView();
  final RelayChecks checks =
      new RelayChecks(CHAIN_ID, REGISTRY, HERMES, SECP.addressOf(OPERATOR), SECP, view);

  RelayChecksTest() {
    // hub fee 20 %, provider channel settled 100
    view.putHermes(
        CHAIN_ID,
        new ChainFacts.Hermes(
            0, 2000, TokenAmount.of(10), TokenAmount.of(1_000), TokenAmount.of(10_000)));
    view.putChannel(
        CHAIN_ID, CHANNEL, new ChainFacts.ProviderChannel(TokenAmount.of(100), TokenAmount.of(50)));
  }

  static Signature sig(network.hermes.promise.message.Signable s, PrivateKey key) {
    return s.sign(new KeySigner(key, SECP));
  }

  static RelayRegistration registration(PrivateKey signer, Address registry, long fee) {
    IdentityRegistration p =
        new IdentityRegistration(
            CHAIN_ID, registry, HERMES, TokenAmount.ZERO, TokenAmount.of(fee), Address.ZERO);
    return new RelayRegistration(
        CHAIN_ID,
        registry,
        HERMES,
        TokenAmount.ZERO,
        TokenAmount.of(fee),
        Address.ZERO,
        sig(p, signer),
        PROVIDER_ID);
  }

  static RelaySettlement settlement(
      RelaySettlement.Kind kind, Bytes32 channel, long amount, long fee, PrivateKey promiseSigner) {
    Signature promiseSig =
        UnsignedPromise.forProviderChannel(
                CHAIN_ID,
                channel,
                TokenAmount.of(amount),
                TokenAmount.of(fee),
                HashlockSecret.of(R).hashlock())
            .sign(new KeySigner(promiseSigner, SECP))
            .signature();
    boolean beneficiaryFields =
        kind == RelaySettlement.Kind.SETTLE_WITH_BENEFICIARY
            || kind == RelaySettlement.Kind.PAY_AND_SETTLE;
    return new RelaySettlement(
        kind,
        CHAIN_ID,
        HERMES,
        channel,
        TokenAmount.of(amount),
        TokenAmount.of(fee),
        R,
        promiseSig,
        PROVIDER_ID,
        beneficiaryFields ? Address.ZERO : null,
        beneficiaryFields ? promiseSig : null,
        kind == RelaySettlement.Kind.SETTLE_WITH_BENEFICIARY ? BigInteger.ZERO : null,
        null);
  }

  Rejection outcome(RelayRequest p) {
    Decision.Reject<Void> r = checks.check(p);
    return r == null ? null : r.reason();
  }

  @Test
  void aRegistrationMustBeSignedByTheIdentityForThisHub() {
    assertThat(outcome(registration(PROVIDER, REGISTRY, 5))).isNull();
    assertThat(outcome(registration(STRANGER, REGISTRY, 5))).isEqualTo(Rejection.INVALID_SIGNATURE);
    assertThat(outcome(registration(PROVIDER, HERMES, 5))).isEqualTo(Rejection.WRONG_HERMES);
    view.putConsumer(
        CHAIN_ID, PROVIDER_ID, new ChainFacts.Consumer(true, TokenAmount.ZERO, TokenAmount.ZERO));
    assertThat(outcome(registration(PROVIDER, REGISTRY, 5)))
        .isEqualTo(Rejection.ALREADY_REGISTERED);
  }

  @Test
  void aPayloadForAnotherChainIsRefused() {
    RelayRegistration r = registration(PROVIDER, REGISTRY, 5);
    RelayRegistration other =
        new RelayRegistration(
            ChainId.of(1),
            r.registry(),
            r.hermesId(),
            r.stake(),
            r.fee(),
            r.beneficiary(),
            r.signature(),
            r.identity());
    assertThat(outcome(other)).isEqualTo(Rejection.WRONG_CHAIN);
  }

  @Test
  void aSettlementNeedsTheHubsSignatureOnTheProvidersChannel() {
    assertThat(
            outcome(
                settlement(RelaySettlement.Kind.SETTLE_AND_REBALANCE, CHANNEL, 300, 5, OPERATOR)))
        .isNull();
    assertThat(
            outcome(
                settlement(RelaySettlement.Kind.SETTLE_AND_REBALANCE, CHANNEL, 300, 5, STRANGER)))
        .isEqualTo(Rejection.INVALID_SIGNATURE);
    assertThat(
            outcome(
                settlement(
                    RelaySettlement.Kind.SETTLE_AND_REBALANCE, WITHDRAWAL, 300, 5, OPERATOR)))
        .isEqualTo(Rejection.CHANNEL_MISMATCH);
  }

  @ParameterizedTest(name = "amount {0} fee {1}: refused {2}")
  @CsvSource({
    // settled 100; unpaid = amount - 100 must exceed the fee and cover fee + 20 % hub fee
    "100, 0, true", // nothing to settle
    "101, 0, false", // unpaid 1, hub fee ceil(0.2) = 1: equal
    "110, 8, false", // unpaid 10, hub fee 2: 10 = 8 + 2
    "110, 9, true", // 10 < 9 + 2
    "110, 10, true", // unpaid equals the fee: the contract wants more
  })
  void aSettlementMustLeaveSomethingAfterFees(long amount, long fee, boolean refused) {
    Rejection r =
        outcome(
            settlement(RelaySettlement.Kind.SETTLE_AND_REBALANCE, CHANNEL, amount, fee, OPERATOR));
    assertThat(r).isEqualTo(refused ? Rejection.NOT_SETTLEABLE : null);
  }

  @Test
  void aWithdrawalNeedsTheIdentitysBeneficiarySignatureAndPaysNoHubFee() {
    Address beneficiary = Address.fromHex("0x" + "77".repeat(20));
    RelaySettlement base =
        settlement(RelaySettlement.Kind.PAY_AND_SETTLE, WITHDRAWAL, 10, 9, OPERATOR);
    PayAndSettleAuthorization auth =
        new PayAndSettleAuthorization(CHAIN_ID, WITHDRAWAL, TokenAmount.of(10), R, beneficiary);
    assertThat(outcome(withBeneficiary(base, beneficiary, sig(auth, PROVIDER), null))).isNull();
    assertThat(outcome(withBeneficiary(base, beneficiary, sig(auth, STRANGER), null)))
        .isEqualTo(Rejection.INVALID_SIGNATURE);
  }

  @Test
  void aNewBeneficiaryMustBeSignedByTheIdentity() {
    Address beneficiary = Address.fromHex("0x" + "78".repeat(20));
    RelaySettlement base =
        settlement(RelaySettlement.Kind.SETTLE_WITH_BENEFICIARY, CHANNEL, 300, 5, OPERATOR);
    BeneficiaryChange change =
        new BeneficiaryChange(CHAIN_ID, REGISTRY, PROVIDER_ID, beneficiary, BigInteger.ONE);
    assertThat(outcome(withBeneficiary(base, beneficiary, sig(change, PROVIDER), BigInteger.ONE)))
        .isNull();
    assertThat(outcome(withBeneficiary(base, beneficiary, sig(change, PROVIDER), BigInteger.TWO)))
        .isEqualTo(Rejection.INVALID_SIGNATURE);
  }

  @ParameterizedTest(name = "decrease {0}: refused {1}")
  @CsvSource({"49, true", "50, false", "51, true", "40, false"})
  void aStakeDecreaseStaysWithinTheStakeAndTheMinimum(long amount, boolean refused) {
    // stake 50, min stake 10: leaving 1 is refused, leaving 0 or 10 is fine
    StakeReturn ret =
        new StakeReturn(
            CHAIN_ID, CHANNEL, TokenAmount.of(amount), TokenAmount.of(1), BigInteger.ONE);
    RelayStakeDecrease d =
        new RelayStakeDecrease(
            CHAIN_ID,
            HERMES,
            PROVIDER_ID,
            TokenAmount.of(amount),
            TokenAmount.of(1),
            BigInteger.ONE,
            sig(ret, PROVIDER));
    assertThat(outcome(d)).isEqualTo(refused ? Rejection.NOT_SETTLEABLE : null);
  }

  static RelaySettlement withBeneficiary(
      RelaySettlement s, Address beneficiary, Signature signature, BigInteger nonce) {
    return new RelaySettlement(
        s.kind(),
        s.chainId(),
        s.hermesId(),
        s.channelId(),
        s.amount(),
        s.fee(),
        s.r(),
        s.signature(),
        s.identity(),
        beneficiary,
        signature,
        nonce,
        null);
  }
}
