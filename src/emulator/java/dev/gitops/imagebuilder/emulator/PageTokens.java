package dev.gitops.imagebuilder.emulator;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Opaque, tamper-evident pagination tokens: the next offset, bound to the request it continues
 * (operation and filters), sealed with an HMAC under a key that lives as long as the emulator.
 * Anything else is InvalidPaginationTokenException.
 */
final class PageTokens {

  private static final Base64.Encoder ENCODER = Base64.getUrlEncoder().withoutPadding();
  private volatile byte[] key = newKey();

  /** Every token issued so far becomes invalid, as tokens do when they expire in AWS. */
  void expireAll() {
    key = newKey();
  }

  private static byte[] newKey() {
    byte[] fresh = new byte[32];
    new SecureRandom().nextBytes(fresh);
    return fresh;
  }

  String issue(String scope, int offset) {
    String payload = offset + ":" + ENCODER.encodeToString(scope.getBytes(StandardCharsets.UTF_8));
    return ENCODER.encodeToString(payload.getBytes(StandardCharsets.UTF_8)) + "." + mac(payload);
  }

  /** The offset a token continues at; 0 for no token. */
  int offset(String scope, String token) {
    if (token == null) {
      return 0;
    }
    try {
      int dot = token.indexOf('.');
      String payload =
          new String(
              Base64.getUrlDecoder().decode(token.substring(0, dot)), StandardCharsets.UTF_8);
      boolean sealed =
          MessageDigest.isEqual(
              mac(payload).getBytes(StandardCharsets.US_ASCII),
              token.substring(dot + 1).getBytes(StandardCharsets.US_ASCII));
      String expectedScope = ENCODER.encodeToString(scope.getBytes(StandardCharsets.UTF_8));
      if (sealed && payload.endsWith(":" + expectedScope)) {
        return Integer.parseInt(payload.substring(0, payload.indexOf(':')));
      }
    } catch (RuntimeException e) {
      // malformed: falls through to the same answer as a forged token
    }
    throw new ApiException(
        ErrorType.InvalidPaginationTokenException, "The nextToken is not valid.");
  }

  private String mac(String payload) {
    try {
      Mac hmac = Mac.getInstance("HmacSHA256");
      hmac.init(new SecretKeySpec(key, "HmacSHA256"));
      return ENCODER.encodeToString(hmac.doFinal(payload.getBytes(StandardCharsets.UTF_8)));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HmacSHA256 is part of every JDK", e);
    }
  }
}
