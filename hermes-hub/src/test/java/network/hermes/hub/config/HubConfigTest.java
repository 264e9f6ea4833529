package network.hermes.hub.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** One precedence: flags > environment > file > defaults. */
class HubConfigTest {
  @TempDir Path dir;

  @Test
  void flagsBeatEnvironmentBeatFileBeatDefaults() throws Exception {
    Path file = dir.resolve("hub.properties");
    Files.writeString(file, "http.port = 1111\ndb.pool-size = 3\nbatch.max-size = 7\n");
    Map<String, String> env =
        Map.of("HERMES_HUB_HTTP_PORT", "2222", "HERMES_HUB_DB_POOL_SIZE", "4", "UNRELATED", "x");
    Map<String, String> flags = Map.of("http.port", "3333");

    HubConfig c = HubConfig.load(flags, env, file);

    assertThat(c.getInt("http.port")).isEqualTo(3333);
    assertThat(c.originOf("http.port")).isEqualTo("flag");
    assertThat(c.getInt("db.pool-size")).isEqualTo(4);
    assertThat(c.originOf("db.pool-size")).isEqualTo("env");
    assertThat(c.getInt("batch.max-size")).isEqualTo(7);
    assertThat(c.originOf("batch.max-size")).isEqualTo("file");
    assertThat(c.get("http.host")).isEqualTo("127.0.0.1");
    assertThat(c.originOf("http.host")).isEqualTo("default");
  }

  @Test
  void environmentNamesFollowTheKey() {
    assertThat(HubConfig.envName("db.lock-timeout-ms")).isEqualTo("HERMES_HUB_DB_LOCK_TIMEOUT_MS");
  }

  @Test
  void unknownKeysAreRefusedWherever() throws Exception {
    Path file = dir.resolve("bad.properties");
    Files.writeString(file, "http.prot = 1\n");
    assertThatThrownBy(() -> HubConfig.load(Map.of(), Map.of(), file))
        .hasMessageContaining("unknown setting http.prot");
    assertThatThrownBy(() -> HubConfig.load(Map.of("nope", "1"), Map.of(), null))
        .hasMessageContaining("unknown setting nope");
  }

  @Test
  void badValuesSayWhichKey() {
    HubConfig c =
        HubConfig.defaults().with(Map.of("db.pool-size", "many", "batch.enabled", "perhaps"));
    assertThatThrownBy(() -> c.getInt("db.pool-size")).hasMessageContaining("db.pool-size");
    assertThatThrownBy(() -> c.getBoolean("batch.enabled")).hasMessageContaining("batch.enabled");
    assertThatThrownBy(
            () ->
                HubConfig.defaults()
                    .with(Map.of("policy.max-transactor-fee", "-1"))
                    .getAmount("policy.max-transactor-fee"))
        .hasMessageContaining("policy.max-transactor-fee");
  }

  @Test
  void describeMasksSecrets() {
    HubConfig c =
        HubConfig.defaults()
            .with(
                Map.of(
                    "db.url", "postgresql://hub:s3cret@db:5432/hermes",
                    "db.password", "hunter2",
                    "operator.dev-key", "ab".repeat(32)));
    String d = c.describe();
    assertThat(d).doesNotContain("s3cret").doesNotContain("hunter2").doesNotContain("abab");
    assertThat(d).contains("db.url=postgresql://hub:***@db:5432/hermes");
  }
}
