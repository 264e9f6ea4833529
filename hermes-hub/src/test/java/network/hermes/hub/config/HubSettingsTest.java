package network.hermes.hub.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import network.hermes.promise.value.ChainId;
import org.junit.jupiter.api.Test;

/** Settings are parsed once into typed records; a bad value is refused naming its key. */
class HubSettingsTest {
  static HubSettings parse(Map<String, String> values) throws Exception {
    return HubSettings.from(HubConfig.defaults().with(values));
  }

  @Test
  void theDefaultsParse() throws Exception {
    HubSettings s = parse(Map.of());
    assertThat(s.http().port()).isEqualTo(8765);
    assertThat(s.db().embedded()).isTrue();
    assertThat(s.chain().mode()).isEqualTo("auto");
    assertThat(s.policy().solvencyGuard()).isEqualTo(HubSettings.SolvencyGuard.AUTO);
    assertThat(s.shutdownGrace()).isEqualTo(Duration.ofSeconds(10));
    assertThat(s.watcher().confirmationsFor(ChainId.of(31337))).isZero();
    assertThat(s.watcher().confirmationsFor(ChainId.POLYGON)).isEqualTo(32);
  }

  @Test
  void theDevnetDeploymentGoesBesideTheDatabaseFolderUnlessNamed() throws Exception {
    Path dir = Path.of("/tmp/somewhere/db");
    assertThat(parse(Map.of("db.embedded-dir", dir.toString())).devnet().deploymentOut())
        .isEqualTo(Path.of("/tmp/somewhere/devnet-deployment.json"));
    assertThat(
            parse(Map.of("db.embedded-dir", dir.toString(), "devnet.deployment-out", "/x/d.json"))
                .devnet()
                .deploymentOut())
        .isEqualTo(Path.of("/x/d.json"));
  }

  @Test
  void badValuesAreRefusedNamingTheirKey() {
    assertThatThrownBy(() -> parse(Map.of("http.port", "70000"))).hasMessageContaining("http.port");
    assertThatThrownBy(() -> parse(Map.of("chain.ids", "137,zero")))
        .hasMessageContaining("chain.ids");
    assertThatThrownBy(() -> parse(Map.of("chain.hermes-id", "0x12")))
        .hasMessageContaining("chain.hermes-id");
    assertThatThrownBy(() -> parse(Map.of("policy.solvency-guard", "maybe")))
        .hasMessageContaining("policy.solvency-guard");
    assertThatThrownBy(() -> parse(Map.of("db.embedded-settings", "fsync=off")))
        .hasMessageContaining("fsync stays on");
    assertThatThrownBy(() -> parse(Map.of("relay.myst-per-native", "-1")))
        .hasMessageContaining("relay.myst-per-native");
  }
}
