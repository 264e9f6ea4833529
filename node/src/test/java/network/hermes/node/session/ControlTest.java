package network.hermes.node.session;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.List;
import network.hermes.promise.message.Invoice;
import network.hermes.promise.value.Address;
import network.hermes.promise.value.Bytes32;
import network.hermes.promise.value.ChainId;
import network.hermes.promise.value.TokenAmount;
import network.hermes.promise.wire.MalformedWireException;
import org.junit.jupiter.api.Test;

class ControlTest {
  static final Address A = Address.fromHex("0x" + "ab".repeat(20));
  static final Address B = Address.fromHex("0x" + "cd".repeat(20));
  static final Price PRICE =
      new Price(TokenAmount.parse("100000000000000000000000000000"), TokenAmount.of(6));
  static final BigInteger HUGE = BigInteger.ONE.shiftLeft(256).subtract(BigInteger.ONE);

  @Test
  void everyMessageRoundTripsWithBigNumbersExact() {
    List<Control.Message> messages =
        List.of(
            new Control.Offer(A, ChainId.of(137), B, PRICE),
            new Control.Create(A, ChainId.of(137), B, PRICE),
            new Control.Accepted(HUGE),
            new Control.InvoiceMessage(
                new Invoice(
                    HUGE,
                    TokenAmount.of(HUGE),
                    TokenAmount.ZERO,
                    Bytes32.fromUint(3),
                    A,
                    ChainId.of(137))),
            new Control.PaymentAccepted(TokenAmount.of(HUGE)));
    for (Control.Message message : messages) {
      assertThat(Control.decode(Control.encode(message))).isEqualTo(message);
    }
    assertThat(new String(Control.encode(new Control.Accepted(HUGE)), StandardCharsets.UTF_8))
        .contains(HUGE.toString());
  }

  @Test
  void malformedMessagesNameTheField() {
    assertThatThrownBy(
            () ->
                Control.decode(
                    "{\"type\":\"session_accepted\",\"agreement_id\":1.5}"
                        .getBytes(StandardCharsets.UTF_8)))
        .isInstanceOf(MalformedWireException.class)
        .hasMessageContaining("agreement_id");
    assertThatThrownBy(
            () -> Control.decode("{\"type\":\"gossip\"}".getBytes(StandardCharsets.UTF_8)))
        .isInstanceOf(MalformedWireException.class)
        .hasMessageContaining("unknown control message gossip");
    assertThatThrownBy(() -> Control.decode("[1]".getBytes(StandardCharsets.UTF_8)))
        .isInstanceOf(MalformedWireException.class);
  }
}
