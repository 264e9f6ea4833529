package network.hermes.promise.wire;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import network.hermes.promise.message.Invoice;
import network.hermes.promise.value.Address;
import network.hermes.promise.value.Bytes32;
import network.hermes.promise.value.ChainId;
import network.hermes.promise.value.TokenAmount;
import org.junit.jupiter.api.Test;

class InvoiceJsonTest {
  private static final String JSON =
      "{\"AgreementID\":26320436445463553891232032398656133263238981208481614013111928294720212288493,"
          + "\"AgreementTotal\":21729588891408119,\"TransactorFee\":0,"
          + "\"Hashlock\":\"4e8444e4bd5721ba00ceb2c6c180c21b2ae43e590172f1b39e51f46312243633\","
          + "\"Provider\":\"0xf10021ba3b1c1fd8f8fe1f6f7e3a9b63a5e61d09\",\"ChainID\":137}";

  @Test
  void roundTripsExactly() {
    Invoice invoice = WireJson.readInvoice(JSON.getBytes(StandardCharsets.UTF_8));
    assertThat(invoice.agreementId())
        .isEqualTo(
            new BigInteger(
                "26320436445463553891232032398656133263238981208481614013111928294720212288493"));
    assertThat(invoice.agreementTotal()).isEqualTo(TokenAmount.parse("21729588891408119"));
    assertThat(invoice.hashlock())
        .isEqualTo(
            Bytes32.fromHex("4e8444e4bd5721ba00ceb2c6c180c21b2ae43e590172f1b39e51f46312243633"));
    assertThat(invoice.provider())
        .isEqualTo(Address.fromHex("0xf10021ba3b1c1fd8f8fe1f6f7e3a9b63a5e61d09"));
    assertThat(invoice.chainId()).isEqualTo(ChainId.POLYGON);
    assertThat(WireJson.writeInvoice(invoice)).isEqualTo(JSON);
  }

  @Test
  void refusesAQuotedTotalNamingTheField() {
    String quoted = JSON.replace("21729588891408119", "\"21729588891408119\"");
    assertThatThrownBy(() -> WireJson.readInvoice(quoted.getBytes(StandardCharsets.UTF_8)))
        .isInstanceOf(MalformedWireException.class)
        .hasMessageContaining("AgreementTotal");
  }
}
