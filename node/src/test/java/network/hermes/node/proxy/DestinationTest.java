package network.hermes.node.proxy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class DestinationTest {
  @ParameterizedTest
  @CsvSource({
    "example.org:443, example.org, 443",
    "Example.ORG:80, example.org, 80",
    "10.0.0.1:8080, 10.0.0.1, 8080",
    "'[::1]:22', ::1, 22"
  })
  void parsesAndPrintsBack(String text, String host, int port) {
    Destination d = Destination.parse(text);
    assertThat(d.host()).isEqualTo(host);
    assertThat(d.port()).isEqualTo(port);
    assertThat(Destination.parse(d.toString())).isEqualTo(d);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "example.org",
        ":80",
        "example.org:0",
        "example.org:65536",
        "a b:80",
        "::1:80",
        "[::1]80",
        "x:port"
      })
  void refusesMalformedDestinations(String text) {
    assertThatThrownBy(() -> Destination.parse(text)).isInstanceOf(IllegalArgumentException.class);
  }
}
