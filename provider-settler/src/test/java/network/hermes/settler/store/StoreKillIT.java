package network.hermes.settler.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import network.hermes.promise.value.TokenAmount;
import network.hermes.settler.ChannelKind;
import network.hermes.settler.TestPromises;
import network.hermes.settler.history.SettlementHistory;
import network.hermes.settler.history.SettlementRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code kill -9} of a process in the middle of writing loses nothing it acknowledged: the store
 * still holds at least the last acknowledged promise and its R, whole, and the history every
 * acknowledged attempt.
 */
class StoreKillIT {
  @TempDir Path dir;

  @Test
  void killMinus9LosesNothingAcknowledged() throws Exception {
    Path earnings = dir.resolve("earnings");
    Path log = dir.resolve("history.jsonl");
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    Process child =
        new ProcessBuilder(
                java,
                "--enable-native-access=ALL-UNNAMED",
                "-cp",
                System.getProperty("java.class.path"),
                StoreWriterMain.class.getName(),
                earnings.toString(),
                log.toString())
            .redirectErrorStream(true)
            .start();
    long acknowledged = 0;
    try (BufferedReader out =
        new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
      String line;
      while ((line = out.readLine()) != null) {
        if (line.startsWith("acknowledged ")) {
          acknowledged = Long.parseLong(line.substring("acknowledged ".length()));
          if (acknowledged >= 150) {
            break;
          }
        }
      }
      child.destroyForcibly(); // SIGKILL: no shutdown hook, no flush
      assertThat(child.waitFor(30, TimeUnit.SECONDS)).isTrue();
    } finally {
      child.destroyForcibly();
    }
    assertThat(acknowledged).isGreaterThanOrEqualTo(150);

    EarnedPromise latest =
        EarningsStore.open(earnings)
            .latest(
                TestPromises.CHAIN,
                TestPromises.HERMES,
                TestPromises.PROVIDER.address(),
                ChannelKind.EARNINGS)
            .orElseThrow();
    assertThat(latest.promise().amount()).isGreaterThanOrEqualTo(TokenAmount.of(acknowledged));
    assertThat(latest.promise().rMatchesHashlock()).isTrue();
    assertThat(SettlementHistory.open(log).all().stream().map(SettlementRecord::id).toList())
        .contains("attempt-1", "attempt-" + acknowledged);
    assertThat(SettlementHistory.open(log).all().size()).isGreaterThanOrEqualTo((int) acknowledged);
  }
}
