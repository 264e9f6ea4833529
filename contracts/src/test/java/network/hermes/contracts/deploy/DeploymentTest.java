package network.hermes.contracts.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import network.hermes.promise.value.Address;
import network.hermes.promise.value.ChainId;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DeploymentTest {
  private static final Deployment SAMPLE =
      new Deployment(
          ChainId.of(80002),
          Address.fromHex("0x1379e8886a944d2d9d440b3d88df536aea08d9f3"),
          Address.fromHex("0x87f0f4b7e0fab14a565c87babba6c40c92281b51"),
          Address.fromHex("0x6b423d3885b4877b5760e149364f85f185f477ad"),
          Address.fromHex("0x5fc8d32690cc91d4c39d9d3abcbd16989f875707"),
          Address.fromHex("0x80ed28d84792d8b153bf2f25f0c4b7a1381de4ab"),
          Address.fromHex("0x70997970c51812dc3a010c7d01b50e0d17dc79c8"),
          Address.fromHex("0x9fe46736679d2d9a65f0992f2272de9f3c7fa6e0"),
          123L);

  @Test
  void roundTripsThroughAFile(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("nested/deployment.json");
    SAMPLE.write(file);
    assertThat(Files.readString(file))
        .contains("\"hermesId\" : \"" + SAMPLE.hermesId().toChecksumHex() + "\"");
    assertThat(Deployment.read(file)).isEqualTo(SAMPLE);
  }

  @Test
  void namesAMissingField() {
    String json = SAMPLE.toJson().replaceAll("\"registry\" : \"[^\"]+\",", "");
    assertThatThrownBy(() -> Deployment.fromJson(json))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("deployment document lacks registry");
  }

  @Test
  void namesAMalformedAddress() {
    String json = SAMPLE.toJson().replace(SAMPLE.token().toChecksumHex(), "0x12");
    assertThatThrownBy(() -> Deployment.fromJson(json))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("deployment token: ");
  }

  @Test
  void rejectsSomethingThatIsNotADeployment() {
    assertThatThrownBy(() -> Deployment.fromJson("[1,2]"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("not a deployment document");
  }
}
