package network.hermes.node.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class NodeCommandTest {
  @TempDir Path dir;

  record Run(int code, String err) {}

  static Run run(String... args) {
    PrintStream original = System.err;
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
    try {
      int code = NodeCommand.execute(args);
      return new Run(code, err.toString(StandardCharsets.UTF_8));
    } finally {
      System.setErr(original);
    }
  }

  @Test
  void missingOptionsExitTwoWithOneLine() {
    Run r = run("consumer", "--hub", "http://127.0.0.1:1");
    assertThat(r.code()).isEqualTo(2);
    assertThat(r.err().strip().lines()).hasSize(1);
    assertThat(r.err()).contains("Missing required options").contains("--provider-id");
  }

  @Test
  void aBadPriceExitsTwo() {
    Run r =
        run(
            "provider",
            "--hub",
            "http://127.0.0.1:1",
            "--deployment",
            dir.resolve("d.json").toString(),
            "--price-per-gib",
            "-5");
    assertThat(r.code()).isEqualTo(2);
    assertThat(r.err()).startsWith("hermes node provider: ");
  }

  @Test
  void aMissingDeploymentExitsThree() {
    Run r =
        run(
            "consumer",
            "--hub",
            "http://127.0.0.1:1",
            "--deployment",
            dir.resolve("none.json").toString(),
            "--provider",
            "127.0.0.1:7600",
            "--provider-id",
            "0x" + "ab".repeat(20),
            "--dev-key",
            "11".repeat(32));
    assertThat(r.code()).isEqualTo(3);
    assertThat(r.err()).contains("cannot read the deployment");
  }

  @Test
  void aBadProviderIdExitsTwo() {
    Run r =
        run(
            "consumer",
            "--hub",
            "http://127.0.0.1:1",
            "--deployment",
            dir.resolve("none.json").toString(),
            "--provider",
            "127.0.0.1:7600",
            "--provider-id",
            "0x1234");
    assertThat(r.code()).isEqualTo(2);
    assertThat(r.err()).startsWith("hermes node consumer: ");
  }
}
