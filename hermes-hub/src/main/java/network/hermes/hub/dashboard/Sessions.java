package network.hermes.hub.dashboard;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import network.hermes.promise.value.Address;

/**
 * Login challenges and session tokens, both authenticated with a key of this process (so a restart
 * ends every session). A challenge is good for {@link #CHALLENGE_TTL} and once; a session names its
 * role and identity and lasts the configured time.
 */
final class Sessions {
  static final Duration CHALLENGE_TTL = Duration.ofMinutes(5);
  private static final String CHALLENGE_PREFIX = "hermes-dashboard-login";

  enum Role {
    OPERATOR,
    PROVIDER
  }

  record Session(Role role, Address identity, Instant expires) {}

  private final byte[] key = new byte[32];
  private final Clock clock;
  private final Duration ttl;
  private final Map<String, Instant> usedChallenges = new ConcurrentHashMap<>();

  Sessions(Clock clock, Duration ttl) {
    new SecureRandom().nextBytes(key);
    this.clock = clock;
    this.ttl = ttl;
  }

  /** A fresh challenge: {@code hermes-dashboard-login:<issued epoch s>:<nonce>:<mac>}. */
  String challenge() {
    byte[] nonce = new byte[16];
    new SecureRandom().nextBytes(nonce);
    String body = CHALLENGE_PREFIX + ":" + clock.instant().getEpochSecond() + ":" + hex(nonce);
    return body + ":" + mac(body);
  }

  /** Whether the challenge is one of ours, still fresh and not used before; marks it used. */
  boolean redeem(String challenge) {
    int cut = challenge.lastIndexOf(':');
    if (cut < 0) {
      return false;
    }
    String body = challenge.substring(0, cut);
    if (!constantTimeEquals(mac(body), challenge.substring(cut + 1))) {
      return false;
    }
    String[] parts = body.split(":");
    Instant issued;
    try {
      issued = Instant.ofEpochSecond(Long.parseLong(parts[1]));
    } catch (RuntimeException e) {
      return false;
    }
    Instant now = clock.instant();
    if (issued.isAfter(now) || issued.plus(CHALLENGE_TTL).isBefore(now)) {
      return false;
    }
    usedChallenges.values().removeIf(t -> t.plus(CHALLENGE_TTL).isBefore(now));
    return usedChallenges.putIfAbsent(challenge, issued) == null;
  }

  /** A session token for the identity in the role. */
  String open(Role role, Address identity) {
    Instant expires = clock.instant().plus(ttl);
    String body =
        Base64.getUrlEncoder()
            .withoutPadding()
            .encodeToString(
                (role + "|" + identity.toHex() + "|" + expires.getEpochSecond())
                    .getBytes(StandardCharsets.UTF_8));
    return body + "." + mac(body);
  }

  /** The session a token stands for, when it is one of ours and has not expired. */
  Optional<Session> session(String token) {
    int cut = token.indexOf('.');
    if (cut < 0 || !constantTimeEquals(mac(token.substring(0, cut)), token.substring(cut + 1))) {
      return Optional.empty();
    }
    try {
      String[] parts =
          new String(Base64.getUrlDecoder().decode(token.substring(0, cut)), StandardCharsets.UTF_8)
              .split("\\|");
      Session s =
          new Session(
              Role.valueOf(parts[0]),
              Address.fromHex(parts[1]),
              Instant.ofEpochSecond(Long.parseLong(parts[2])));
      return s.expires().isAfter(clock.instant()) ? Optional.of(s) : Optional.empty();
    } catch (RuntimeException e) {
      return Optional.empty();
    }
  }

  Duration ttl() {
    return ttl;
  }

  private String mac(String text) {
    try {
      Mac m = Mac.getInstance("HmacSHA256");
      m.init(new SecretKeySpec(key, "HmacSHA256"));
      return hex(m.doFinal(text.getBytes(StandardCharsets.UTF_8)));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HmacSHA256 is part of every JDK", e);
    }
  }

  static boolean constantTimeEquals(String a, String b) {
    return MessageDigest.isEqual(
        a.getBytes(StandardCharsets.UTF_8), b.getBytes(StandardCharsets.UTF_8));
  }

  private static String hex(byte[] b) {
    return HexFormat.of().formatHex(b);
  }
}
