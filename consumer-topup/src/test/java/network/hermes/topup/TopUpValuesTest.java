package network.hermes.topup;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import network.hermes.promise.value.Address;
import network.hermes.promise.value.ChainId;
import network.hermes.promise.value.TokenAmount;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class TopUpValuesTest {
  static final Address TOKEN = Address.fromHex("0x1379e8886a944d2d9d440b3d88df536aea08d9f3");
  static final Address CHANNEL = Address.fromHex("0x5fbdb2315678afecb367f032d93f642f64180aa3");

  @Test
  void paymentUriFollowsEip681ForAnErc20Transfer() {
    assertThat(PaymentUri.transfer(TOKEN, ChainId.POLYGON, CHANNEL, null))
        .isEqualTo(
            "ethereum:0x1379E8886A944d2D9d440b3d88DF536Aea08d9F3@137/transfer?address="
                + CHANNEL.toChecksumHex());
    assertThat(
            PaymentUri.transfer(
                TOKEN, ChainId.POLYGON, CHANNEL, TokenAmount.parse("12500000000000000000")))
        .endsWith("&uint256=12500000000000000000");
  }

  @ParameterizedTest(name = "balance {0}, promised {1}, settled {2}: spendable {3}")
  @CsvSource({
    "100, 0, 0, 100",
    "100, 30, 0, 70",
    "100, 30, 30, 100",
    "100, 130, 30, 0",
    "100, 131, 30, 0",
    "100, 129, 30, 1",
    // the chain settled more than the latest promise the hub reports: nothing is outstanding
    "100, 10, 30, 100"
  })
  void spendableIsTheBalanceMinusWhatIsPromisedAndUnsettled(
      long balance, long promised, long settled, long spendable) {
    assertThat(
            Spendable.of(
                TokenAmount.of(balance),
                TokenAmount.of(promised),
                TokenAmount.of(settled),
                true,
                false))
        .isEqualTo(TokenAmount.of(spendable));
  }

  @Test
  void nothingIsSpendableUnregisteredOrExiting() {
    assertThat(Spendable.of(TokenAmount.of(100), TokenAmount.ZERO, TokenAmount.ZERO, false, false))
        .isEqualTo(TokenAmount.ZERO);
    assertThat(Spendable.of(TokenAmount.of(100), TokenAmount.ZERO, TokenAmount.ZERO, true, true))
        .isEqualTo(TokenAmount.ZERO);
  }

  @Test
  void exitTimesInWords() {
    assertThat(TopUp.duration(Duration.ofSeconds(4 * 86_400 - 20))).isEqualTo("3d 23h 59m 40s");
    assertThat(TopUp.duration(Duration.ofSeconds(61))).isEqualTo("1m 1s");
    assertThat(TopUp.duration(Duration.ofSeconds(3600))).isEqualTo("1h 0m 0s");
    TopUp.ExitState pending =
        new TopUp.ExitState(true, CHANNEL, 1_000, 400, TokenAmount.parse("2000000000000000000"));
    assertThat(pending.remaining()).isEqualTo(Duration.ofSeconds(600));
    assertThat(TopUp.describe(pending))
        .startsWith("10m 0s left (at 1970-01-01T00:16:40Z, chain time), then 2 MYST to ");
    TopUp.ExitState due = new TopUp.ExitState(true, CHANNEL, 1_000, 1_000, TokenAmount.ZERO);
    assertThat(due.remaining()).isZero();
    assertThat(TopUp.describe(due)).startsWith("may be finalised now");
    assertThat(TopUp.describe(new TopUp.ExitState(false, Address.ZERO, 0, 5, TokenAmount.ZERO)))
        .isEqualTo("no exit pending");
  }
}
