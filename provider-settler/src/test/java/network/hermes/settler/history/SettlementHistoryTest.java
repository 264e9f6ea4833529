package network.hermes.settler.history;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import network.hermes.promise.value.Address;
import network.hermes.promise.value.TokenAmount;
import network.hermes.settler.TestPromises;
import network.hermes.settler.history.SettlementRecord.Outcome;
import network.hermes.settler.store.StoreException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SettlementHistoryTest {
  static final Instant T0 = Instant.parse("2026-05-01T10:00:00Z");
  static final Address BENEFICIARY = Address.fromHex("0x1111111111111111111111111111111111111111");

  @TempDir Path dir;

  static SettlementRecord pending(String id) {
    return TestPromises.pendingRecord(id, T0);
  }

  @Test
  void theLastStateOfEachAttemptWins() {
    SettlementHistory h = SettlementHistory.open(dir.resolve("history.jsonl"));
    SettlementRecord a = pending("a");
    h.record(a);
    h.record(pending("b"));
    SettlementRecord settled =
        a.withJobId("7")
            .withTxHash("0xabc")
            .settled(T0.plusSeconds(9), "0xabc", TokenAmount.of(7_100), TokenAmount.of(1_900));
    h.record(settled);

    SettlementHistory reopened = SettlementHistory.open(dir.resolve("history.jsonl"));
    assertThat(reopened.all()).containsExactly(settled, pending("b"));
    assertThat(reopened.pending()).containsExactly(pending("b"));
    assertThat(reopened.ofChannel(a.chainId(), a.hermesId(), a.channelId())).hasSize(2);
  }

  @Test
  void aLineTornByACrashAtTheEndIsIgnored() throws Exception {
    Path file = dir.resolve("history.jsonl");
    SettlementHistory h = SettlementHistory.open(file);
    h.record(pending("a"));
    Files.writeString(file, "{\"id\":\"b\",\"startedAt\":\"20", StandardOpenOption.APPEND);
    assertThat(h.all()).containsExactly(pending("a"));
  }

  @Test
  void anUnreadableLineInTheMiddleIsAnError() throws Exception {
    Path file = dir.resolve("history.jsonl");
    SettlementHistory h = SettlementHistory.open(file);
    h.record(pending("a"));
    Files.writeString(file, "not json\n", StandardOpenOption.APPEND);
    h.record(pending("b"));
    assertThatThrownBy(h::all).isInstanceOf(StoreException.class).hasMessageContaining("line 2");
  }

  @Test
  void aMissingLogIsAnEmptyHistory() {
    assertThat(SettlementHistory.open(dir.resolve("none.jsonl")).all()).isEmpty();
  }

  @Test
  void csvHasOneRowPerAttemptAndQuotesWhatNeedsIt() {
    SettlementRecord failed =
        pending("a").ended(T0.plusSeconds(3), Outcome.FAILED, "the relay failed: \"gas\", twice");
    String csv = SettlementCsv.render(java.util.List.of(failed));
    String[] lines = csv.split("\r\n");
    assertThat(lines).hasSize(2);
    assertThat(lines[0]).isEqualTo(SettlementCsv.HEADER);
    assertThat(lines[1])
        .startsWith("a,2026-05-01T10:00:00Z,2026-05-01T10:00:03Z,31337,")
        .contains(",plain,relay,10000,1000,9000,1800,100," + BENEFICIARY.toHex() + ",,,,,failed,")
        .endsWith(",\"the relay failed: \"\"gas\"\", twice\"");
  }
}
