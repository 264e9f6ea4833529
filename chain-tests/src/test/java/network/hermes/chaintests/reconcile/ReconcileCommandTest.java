package network.hermes.chaintests.reconcile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The command's usage errors: one line on stderr and exit status 2, nothing reconciled. */
class ReconcileCommandTest {
  @TempDir Path dir;

  record Run(int status, String out, String err) {}

  static Run run(String... args) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int status =
        ReconcileCommand.execute(
            args,
            new PrintStream(out, true, StandardCharsets.UTF_8),
            new PrintStream(err, true, StandardCharsets.UTF_8));
    return new Run(
        status, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
  }

  @Test
  void missingOptionsAreAUsageError() {
    Run r = run("--hub", "http://127.0.0.1:1");
    assertThat(r.status()).isEqualTo(2);
    assertThat(r.err()).startsWith("reconcile: ").contains("--rpc-url").contains("--deployment");
    assertThat(r.err().lines()).hasSize(1);
    assertThat(r.out()).isEmpty();
  }

  @Test
  void aMalformedIdentityIsAUsageError() {
    Run r =
        run(
            "--rpc-url",
            "http://127.0.0.1:1",
            "--deployment",
            "d.json",
            "--hub",
            "http://127.0.0.1:1",
            "--identity",
            "0x1234");
    assertThat(r.status()).isEqualTo(2);
    assertThat(r.err()).contains("0x1234");
  }

  @Test
  void anUnreadableDeploymentIsAUsageError() throws IOException {
    Path notJson = Files.writeString(dir.resolve("deployment.json"), "{\"chainId\": 1}");
    Run missing =
        run(
            "--rpc-url",
            "http://127.0.0.1:1",
            "--deployment",
            dir.resolve("nope.json").toString(),
            "--hub",
            "http://127.0.0.1:1");
    assertThat(missing.status()).isEqualTo(2);
    assertThat(missing.err()).contains("cannot read the deployment");
    Run malformed =
        run(
            "--rpc-url",
            "http://127.0.0.1:1",
            "--deployment",
            notJson.toString(),
            "--hub",
            "http://127.0.0.1:1");
    assertThat(malformed.status()).isEqualTo(2);
    assertThat(malformed.err()).contains("not a deployment document");
  }

  @Test
  void aBadIdentitiesFileNamesItsLine() throws IOException {
    Path ids =
        Files.writeString(
            dir.resolve("ids.txt"), "# providers\n0x" + "ab".repeat(20) + "\n\nnot-an-address\n");
    assertThatThrownBy(() -> ReconcileCommand.readIdentities(ids))
        .hasMessageContaining("ids.txt line 4")
        .hasMessageContaining("not-an-address");
    assertThatThrownBy(() -> ReconcileCommand.readIdentities(dir.resolve("absent.txt")))
        .hasMessageContaining("cannot read");
    Path good = Files.writeString(dir.resolve("good.txt"), "0x" + "ab".repeat(20) + " # me\n");
    assertThat(ReconcileCommand.readIdentities(good)).hasSize(1);
  }

  @Test
  void anUnreachableChainExitsWithFour() throws IOException {
    Path deployment =
        Files.writeString(
            dir.resolve("deployment.json"),
            """
            {"chainId": 31337, "token": "0x%1$s", "registry": "0x%1$s",
             "channelImplementation": "0x%1$s", "hermesImplementation": "0x%1$s",
             "hermesId": "0x%1$s", "hermesOperator": "0x%1$s", "dexRouter": "0x%1$s",
             "deploymentBlock": 0}
            """
                .formatted("ab".repeat(20)));
    Run r =
        run(
            "--rpc-url",
            "http://127.0.0.1:1",
            "--deployment",
            deployment.toString(),
            "--hub",
            "http://127.0.0.1:1");
    assertThat(r.status()).as(r.err()).isEqualTo(4);
    assertThat(r.err()).startsWith("reconcile: cannot reach");
  }
}
