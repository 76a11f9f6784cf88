package dev.gitops.imagebuilder.emulator;

import com.sun.net.httpserver.Headers;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Tells who signed a request from the access key in its SigV4 {@code Credential}, then checks what
 * can be checked. The emulator's static key ({@link EmulatorCredentials}): the signature, and the
 * emulator's account. A key AssumeRole issued: the session token ({@code X-Amz-Security-Token} must
 * be the one issued with it, else UnrecognizedClientException), the expiry (ExpiredTokenException)
 * and the signature, and the role's account. Any other long-term key: accepted unverified as the
 * emulator's account, so any local credentials keep working. An unknown key shaped like a session
 * key ({@code ASIA…}) is UnrecognizedClientException, as AWS answers a forged or forgotten one. All
 * refusals are 403.
 */
final class CallerIdentities {

  private static final Pattern ACCESS_KEY = Pattern.compile("Credential=([^/,\\s]+)/");

  private final String account;
  private final SessionCredentials sessions;
  private final SigV4Signature signatures = new SigV4Signature();

  CallerIdentities(String account, SessionCredentials sessions) {
    this.account = account;
    this.sessions = sessions;
  }

  /** The caller an Authorization header names (its shape already checked by SigV4Scope). */
  Caller identify(String authorization) {
    Matcher m = ACCESS_KEY.matcher(authorization);
    String accessKey = m.find() ? m.group(1) : "";
    if (accessKey.equals(EmulatorCredentials.ACCESS_KEY_ID)) {
      return Caller.longTerm(account, EmulatorCredentials.SECRET_ACCESS_KEY);
    }
    SessionCredentials.Session session = sessions.find(accessKey).orElse(null);
    if (session != null) {
      return Caller.of(session);
    }
    if (accessKey.startsWith("ASIA")) {
      throw unrecognized();
    }
    return Caller.longTerm(account, null);
  }

  /** Session token, expiry and signature, each where the emulator knows what to expect. */
  void verify(
      Caller caller, String method, String rawPath, String rawQuery, Headers headers, byte[] body) {
    if (caller.temporary()) {
      if (!caller.session().sessionToken().equals(headers.getFirst("X-Amz-Security-Token"))) {
        throw unrecognized();
      }
      if (sessions.expired(caller.session())) {
        throw new ApiException(
            ErrorType.ExpiredTokenException,
            "The security token included in the request is expired");
      }
    }
    if (caller.secret() != null) {
      signatures.verify(caller.secret(), method, rawPath, rawQuery, headers, body);
    }
  }

  private static ApiException unrecognized() {
    return new ApiException(
        ErrorType.UnrecognizedClientException,
        "The security token included in the request is invalid.");
  }
}
