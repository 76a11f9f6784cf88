package dev.gitops.imagebuilder.emulator;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The temporary credentials AssumeRole issued, by access key id. They stay valid until they expire,
 * whatever happens to the trust list or to the rest of the state afterwards (as in AWS, where
 * changing a role's trust policy revokes no session); an expired key is remembered for an hour
 * more, so that it is answered ExpiredTokenException rather than as an unknown key.
 */
final class SessionCredentials {

  static final Duration DEFAULT_LIFETIME = Duration.ofHours(1);
  private static final Duration REMEMBERED_AFTER_EXPIRY = Duration.ofHours(1);
  private static final String KEY_ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";

  /** One issued set of credentials, bound to the role (and so to the role's account). */
  record Session(
      String accessKeyId,
      String secretAccessKey,
      String sessionToken,
      Instant expiration,
      RoleArn role,
      String sessionName) {

    String assumedRoleArn() {
      return role.assumedRoleArn(sessionName);
    }

    String assumedRoleId() {
      return role.roleId() + ":" + sessionName;
    }
  }

  private final Map<String, Session> byAccessKey = new ConcurrentHashMap<>();
  private final SecureRandom random = new SecureRandom();
  private final Clock clock;
  private volatile Duration lifetime;

  SessionCredentials(Clock clock) {
    this.clock = clock;
  }

  /**
   * The lifetime of credentials issued from now on; null gives each request the DurationSeconds it
   * asks for, else an hour.
   */
  void lifetime(Duration fixed) {
    if (fixed != null && (fixed.isNegative() || fixed.isZero())) {
      throw new IllegalArgumentException("a credential lifetime must be positive, not " + fixed);
    }
    lifetime = fixed;
  }

  Session issue(RoleArn role, String sessionName, Integer durationSeconds) {
    Instant now = clock.instant();
    byAccessKey.values().removeIf(s -> s.expiration().plus(REMEMBERED_AFTER_EXPIRY).isBefore(now));
    Duration fixed = lifetime;
    Duration valid =
        fixed != null
            ? fixed
            : durationSeconds != null ? Duration.ofSeconds(durationSeconds) : DEFAULT_LIFETIME;
    while (true) {
      Session session =
          new Session(
              "ASIA" + randomKeyChars(16),
              randomBase64(30),
              randomBase64(120),
              now.plus(valid).truncatedTo(ChronoUnit.MILLIS),
              role,
              sessionName);
      if (byAccessKey.putIfAbsent(session.accessKeyId(), session) == null) {
        return session;
      }
    }
  }

  Optional<Session> find(String accessKeyId) {
    return Optional.ofNullable(byAccessKey.get(accessKeyId));
  }

  boolean expired(Session session) {
    return !clock.instant().isBefore(session.expiration());
  }

  private String randomKeyChars(int count) {
    StringBuilder out = new StringBuilder(count);
    for (int i = 0; i < count; i++) {
      out.append(KEY_ALPHABET.charAt(random.nextInt(KEY_ALPHABET.length())));
    }
    return out.toString();
  }

  private String randomBase64(int bytes) {
    byte[] raw = new byte[bytes];
    random.nextBytes(raw);
    return Base64.getEncoder().encodeToString(raw);
  }
}
