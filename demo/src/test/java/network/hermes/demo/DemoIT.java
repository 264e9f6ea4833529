package network.hermes.demo;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * {@code ./hermes demo} end to end: a reconciled summary, and nothing left running after Ctrl-C.
 */
class DemoIT {
  @TempDir Path dir;

  @Test
  void theDemoReconcilesAndLeavesNoProcess() throws Exception {
    Path summary = dir.resolve("summary.json");
    int code =
        new CommandLine(new DemoCommand())
            .execute("--transfer-mib", "8", "--summary-out", summary.toString());
    assertThat(code).isZero();
    JsonNode json = new ObjectMapper().readTree(summary.toFile());
    assertThat(json.path("reconciled").asBoolean()).isTrue();
    json.path("checks")
        .fields()
        .forEachRemaining(c -> assertThat(c.getValue().asBoolean()).as(c.getKey()).isTrue());
    JsonNode money = json.path("money_wei");
    assertThat(money.path("settled_on_chain").bigIntegerValue())
        .isEqualTo(money.path("consumer_promised").bigIntegerValue())
        .isGreaterThanOrEqualTo(money.path("due_by_price").bigIntegerValue());
    assertThat(json.path("metering").path("provider_bytes").asLong())
        .isGreaterThan(8L * 1024 * 1024);
    assertThat(ProcessHandle.current().descendants().filter(ProcessHandle::isAlive).toList())
        .isEmpty();
  }

  @Test
  void keepRunsUntilSigtermAndThenNothingIsLeft() throws Exception {
    Process demo =
        new ProcessBuilder(
                ProcessHandle.current().info().command().orElse("java"),
                "--enable-native-access=ALL-UNNAMED",
                "-cp",
                System.getProperty("java.class.path"),
                DemoCommand.class.getName(),
                "--transfer-mib",
                "1",
                "--keep")
            .redirectErrorStream(true)
            .start();
    CompletableFuture<String> kept = new CompletableFuture<>();
    StringBuilder output = new StringBuilder();
    Thread pump =
        new Thread(
            () -> {
              try (BufferedReader in =
                  new BufferedReader(
                      new InputStreamReader(demo.getInputStream(), StandardCharsets.UTF_8))) {
                String line;
                while ((line = in.readLine()) != null) {
                  synchronized (output) {
                    output.append(line).append('\n');
                  }
                  if (line.contains("keeps running until Ctrl-C")) {
                    kept.complete(line);
                  }
                }
                kept.completeExceptionally(new AssertionError("demo ended:\n" + output));
              } catch (Exception e) {
                kept.completeExceptionally(e);
              }
            });
    pump.setDaemon(true);
    pump.start();
    try {
      try {
        kept.get(240, TimeUnit.SECONDS);
      } catch (java.util.concurrent.TimeoutException e) {
        synchronized (output) {
          throw new AssertionError("the demo did not reach --keep:\n" + output, e);
        }
      }
      List<ProcessHandle> started = demo.descendants().toList();
      assertThat(started).isNotEmpty(); // anvil, the hub and its PostgreSQL
      demo.destroy(); // SIGTERM, as Ctrl-C
      assertThat(demo.waitFor(60, TimeUnit.SECONDS)).isTrue();
      for (ProcessHandle p : started) {
        p.onExit().get(30, TimeUnit.SECONDS);
        assertThat(p.isAlive()).as("process %d", p.pid()).isFalse();
      }
      synchronized (output) {
        assertThat(output).contains("SOCKS5  127.0.0.1:").contains("hub     http://");
      }
    } finally {
      demo.descendants().forEach(ProcessHandle::destroyForcibly);
      demo.destroyForcibly();
    }
    assertThat(Files.list(dir)).isEmpty();
  }
}
