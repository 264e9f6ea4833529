package network.hermes.node.policy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import java.time.Duration;
import java.util.List;
import network.hermes.node.proxy.Destination;
import network.hermes.node.transport.OpenFailure;
import network.hermes.node.transport.StreamOpenException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class DestinationPolicyTest {
  private static InetAddress ip(String literal) throws java.net.UnknownHostException {
    return InetAddress.getByName(literal);
  }

  @ParameterizedTest
  @CsvSource({
    "127.0.0.1, loopback",
    "127.255.1.2, loopback",
    "::1, loopback",
    "10.1.2.3, private",
    "172.16.0.1, private",
    "172.31.255.255, private",
    "192.168.1.1, private",
    "fd12:3456::1, private",
    "169.254.169.254, link-local",
    "fe80::1, link-local",
    "224.0.0.1, multicast",
    "ff02::1, multicast",
    "0.0.0.0, unspecified",
    "::, unspecified",
    "::ffff:127.0.0.1, loopback",
    "::ffff:10.0.0.1, private",
    "100.64.0.1, non-global",
    "255.255.255.255, non-global"
  })
  void specialRangesAreDeniedByDefault(String address, String kind) throws Exception {
    assertThat(DestinationPolicy.defaults().refusal(ip(address))).contains(kind);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {"93.184.215.14", "1.1.1.1", "172.32.0.1", "2606:4700::1111", "::ffff:8.8.8.8"})
  void globalAddressesAreAllowed(String address) throws Exception {
    assertThat(DestinationPolicy.defaults().refusal(ip(address))).isNull();
  }

  @Test
  void anExplicitDenyWinsOverAllowAndOverride() throws Exception {
    DestinationPolicy policy =
        new DestinationPolicy(
            List.of(Cidr.parse("0.0.0.0/0")), List.of(Cidr.parse("1.1.1.0/24")), true);
    assertThat(policy.refusal(ip("1.1.1.1")))
        .isEqualTo("1.1.1.1 is in the denied range 1.1.1.0/24");
    assertThat(policy.refusal(ip("1.1.2.1"))).isNull();
  }

  @Test
  void anAllowListOpensPartOfASpecialRange() throws Exception {
    DestinationPolicy policy =
        new DestinationPolicy(List.of(Cidr.parse("127.0.0.1/32")), List.of(), false);
    assertThat(policy.refusal(ip("127.0.0.1"))).isNull();
    assertThat(policy.refusal(ip("127.0.0.2"))).contains("loopback");
  }

  @Test
  void theOverrideOpensTheSpecialRanges() throws Exception {
    assertThat(new DestinationPolicy(List.of(), List.of(), true).refusal(ip("192.168.0.1")))
        .isNull();
  }

  @Test
  void aNameIsJudgedByWhatItResolvesTo() throws Exception {
    ExitConnector exit =
        new ExitConnector(
            DestinationPolicy.defaults(),
            host -> List.of(ip("10.0.0.7"), ip("192.168.3.3")),
            Duration.ofSeconds(1));
    assertThatThrownBy(() -> exit.connect(new Destination("intranet.example", 80)))
        .isInstanceOfSatisfying(
            StreamOpenException.class,
            e -> {
              assertThat(e.failure()).isEqualTo(OpenFailure.NOT_ALLOWED);
              assertThat(e.getMessage())
                  .isEqualTo(
                      "destination intranet.example not allowed: 10.0.0.7 is a private address,"
                          + " which this provider does not connect to");
            });
  }

  @Test
  void theFirstAllowedAddressOfANameIsChosen() throws Exception {
    assertThat(
            DestinationPolicy.defaults()
                .choose("mixed.example", List.of(ip("127.0.0.1"), ip("93.184.215.14"))))
        .isEqualTo(ip("93.184.215.14"));
  }

  @Test
  void anUnknownHostIsReportedSo() {
    ExitConnector exit =
        new ExitConnector(
            DestinationPolicy.defaults(),
            host -> {
              throw new java.net.UnknownHostException(host);
            },
            Duration.ofSeconds(1));
    assertThatThrownBy(() -> exit.connect(new Destination("nowhere.invalid", 80)))
        .isInstanceOfSatisfying(
            StreamOpenException.class,
            e -> assertThat(e.failure()).isEqualTo(OpenFailure.UNKNOWN_HOST));
  }

  @ParameterizedTest
  @ValueSource(strings = {"10.0.0.0/33", "example.com/8", "1.2.3/8", "::1/129", "10.0.0.0/x"})
  void malformedRangesAreRefused(String text) {
    assertThatThrownBy(() -> Cidr.parse(text)).isInstanceOf(IllegalArgumentException.class);
  }
}
