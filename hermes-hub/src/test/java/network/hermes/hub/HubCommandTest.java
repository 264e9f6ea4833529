package network.hermes.hub;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.Map;
import network.hermes.hub.config.HubConfig;
import network.hermes.hub.config.HubSettings;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** The hub command's flags become settings; --data-dir holds everything the hub keeps. */
class HubCommandTest {
  static HubSettings settingsOf(String... args) throws Exception {
    HubCommand command = new HubCommand();
    new CommandLine(command).parseArgs(args);
    return HubSettings.from(HubConfig.load(command.flags(), Map.of(), null));
  }

  @Test
  void theDataFolderHoldsTheDatabaseAndTheDevnetDeployment() throws Exception {
    Path dir = Path.of("/tmp/hermes-run-1").toAbsolutePath();
    HubSettings s = settingsOf("--data-dir", dir.toString());
    assertThat(s.db().embeddedDir()).isEqualTo(dir.resolve("hub-db"));
    assertThat(s.devnet().deploymentOut()).isEqualTo(dir.resolve("devnet-deployment.json"));
  }

  @Test
  void twoDataFoldersShareNothing() throws Exception {
    HubSettings a = settingsOf("--data-dir", "/tmp/run-a");
    HubSettings b = settingsOf("--data-dir", "/tmp/run-b");
    assertThat(a.devnet().deploymentOut()).isNotEqualTo(b.devnet().deploymentOut());
    assertThat(a.db().embeddedDir()).isNotEqualTo(b.db().embeddedDir());
  }

  @Test
  void aNamedSettingWinsOverTheDataFolder() throws Exception {
    HubSettings s =
        settingsOf(
            "--data-dir", "/tmp/run-c", "--set", "devnet.deployment-out=/tmp/elsewhere/d.json");
    assertThat(s.devnet().deploymentOut()).isEqualTo(Path.of("/tmp/elsewhere/d.json"));
    assertThat(s.db().embeddedDir()).isEqualTo(Path.of("/tmp/run-c/hub-db"));
  }

  @Test
  void aSetWithoutAValueIsRefused() {
    HubCommand command = new HubCommand();
    new CommandLine(command).parseArgs("--set", "batch.enabled");
    assertThatThrownBy(command::flags)
        .isInstanceOf(CommandLine.ParameterException.class)
        .hasMessageContaining("--set needs key=value");
  }
}
