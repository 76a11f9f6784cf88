package dev.gitops.imagebuilder.emulator;

/**
 * Who signed a request, as far as the emulator can tell from its SigV4 access key.
 *
 * @param account the account whose state the request reaches
 * @param principalArn the principal named in access-denied messages
 * @param secret the secret to check the signature with; null when the key is unknown to the
 *     emulator (accepted unverified)
 * @param session the AssumeRole session the key belongs to; null for long-term keys
 */
record Caller(
    String account, String principalArn, String secret, SessionCredentials.Session session) {

  /** The principal of long-term keys: one IAM user in the emulator's account. */
  static Caller longTerm(String account, String secret) {
    return new Caller(account, "arn:aws:iam::" + account + ":user/emulator", secret, null);
  }

  static Caller of(SessionCredentials.Session session) {
    return new Caller(
        session.role().account(), session.assumedRoleArn(), session.secretAccessKey(), session);
  }

  boolean temporary() {
    return session != null;
  }
}
