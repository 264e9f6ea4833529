package network.hermes.hub.dashboard;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import network.hermes.hub.config.HubConfig;

/**
 * The dashboard's settings ({@code dashboard.*} keys of {@link HubConfig}).
 *
 * @param operatorToken the operator's login token, empty when operators log in only with a
 *     signature of the operator key
 * @param sessionTtl how long a login lasts
 */
public record DashboardSettings(
    boolean enabled, Optional<String> operatorToken, Duration sessionTtl) {

  /** Shortest operator token accepted: a guessable one would open the operator view. */
  static final int MIN_TOKEN_LENGTH = 16;

  /**
   * @throws IllegalArgumentException naming the key whose value is bad
   * @throws IOException when the token file cannot be read
   */
  public static DashboardSettings from(HubConfig c) throws IOException {
    Optional<String> token = Optional.empty();
    if (c.isSet("dashboard.operator-token-file")) {
      Path file = Path.of(c.get("dashboard.operator-token-file").trim());
      token = Optional.of(Files.readString(file, StandardCharsets.UTF_8).trim());
    } else if (c.isSet("dashboard.operator-token")) {
      token = Optional.of(c.get("dashboard.operator-token").trim());
    }
    if (token.isPresent() && token.get().length() < MIN_TOKEN_LENGTH) {
      throw new IllegalArgumentException(
          "dashboard.operator-token must have at least " + MIN_TOKEN_LENGTH + " characters");
    }
    long minutes = c.getLong("dashboard.session-minutes");
    if (minutes <= 0) {
      throw new IllegalArgumentException("dashboard.session-minutes must be positive");
    }
    return new DashboardSettings(
        c.getBoolean("dashboard.enabled"), token, Duration.ofMinutes(minutes));
  }
}
