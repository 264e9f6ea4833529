package network.hermes.hub.dashboard;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import network.hermes.hub.dashboard.Sessions.Role;
import network.hermes.promise.value.Address;
import org.junit.jupiter.api.Test;

class SessionsTest {
  private static final Address PROVIDER =
      Address.fromHex("0x1000000000000000000000000000000000000001");

  private final SteppedClock clock = new SteppedClock(Instant.parse("2026-12-03T12:00:00Z"));
  private final Sessions sessions = new Sessions(clock, Duration.ofHours(1));

  @Test
  void aChallengeIsRedeemedOnceAndOnlyWhileFresh() {
    String challenge = sessions.challenge();
    assertThat(sessions.redeem(challenge)).isTrue();
    assertThat(sessions.redeem(challenge)).as("second use").isFalse();

    String stale = sessions.challenge();
    clock.advance(Sessions.CHALLENGE_TTL.plusSeconds(1));
    assertThat(sessions.redeem(stale)).as("after its time to live").isFalse();
  }

  @Test
  void aChallengeThatIsNotOursIsRefused() {
    String challenge = sessions.challenge();
    String[] parts = challenge.split(":");
    String laterIssued =
        parts[0] + ":" + (Long.parseLong(parts[1]) + 1) + ":" + parts[2] + ":" + parts[3];
    assertThat(sessions.redeem(laterIssued)).as("time changed under the MAC").isFalse();
    assertThat(new Sessions(clock, Duration.ofHours(1)).redeem(challenge))
        .as("another process's key")
        .isFalse();
    assertThat(sessions.redeem("no mac here")).isFalse();
  }

  @Test
  void aSessionNamesItsRoleAndIdentityUntilItExpires() {
    String token = sessions.open(Role.PROVIDER, PROVIDER);
    assertThat(sessions.session(token))
        .hasValueSatisfying(
            s -> {
              assertThat(s.role()).isEqualTo(Role.PROVIDER);
              assertThat(s.identity()).isEqualTo(PROVIDER);
            });
    clock.advance(Duration.ofHours(1));
    assertThat(sessions.session(token)).as("at its expiry").isEmpty();
  }

  @Test
  void aTamperedOrForeignTokenIsNoSession() {
    String token = sessions.open(Role.PROVIDER, PROVIDER);
    String forged =
        sessions.open(Role.OPERATOR, PROVIDER).split("\\.")[0] + "." + token.split("\\.")[1];
    assertThat(sessions.session(forged)).as("operator body under a provider MAC").isEmpty();
    assertThat(new Sessions(clock, Duration.ofHours(1)).session(token)).isEmpty();
    assertThat(sessions.session("garbage")).isEmpty();
    assertThat(sessions.session("Zm9v.00")).isEmpty();
  }

  /** A clock that moves only when told. */
  private static final class SteppedClock extends Clock {
    private Instant now;

    SteppedClock(Instant start) {
      now = start;
    }

    void advance(Duration d) {
      now = now.plus(d);
    }

    @Override
    public ZoneId getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
      return this;
    }

    @Override
    public Instant instant() {
      return now;
    }
  }
}
