package dev.gitops.imagebuilder.emulator;

import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads the region from a request's SigV4 credential scope and rejects requests real AWS would
 * reject before reaching the service (Image Builder or STS), with the front door's error names and
 * messages: no Authorization header → MissingAuthenticationTokenException; a header lacking
 * Credential, SignedHeaders, Signature or a date → IncompleteSignatureException; a scope for
 * another service, a malformed scope or a date more than 15 minutes off → InvalidSignatureException
 * (AWS answers "Credential should be scoped to correct service" with it); all 403. The signature
 * itself is checked by {@link SigV4Signature} where the emulator knows the secret key.
 */
final class SigV4Scope {

  private static final Pattern CREDENTIAL = Pattern.compile("Credential=([^,\\s]+)");
  private static final Pattern REGION = Pattern.compile("[a-z]{2,}(?:-[a-z]+)+-[0-9]+");

  private static final DateTimeFormatter AMZ_DATE =
      DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'").withZone(ZoneOffset.UTC);
  private static final Duration MAX_SKEW = Duration.ofMinutes(15);

  private SigV4Scope() {}

  /** AWS refuses signatures dated more than 15 minutes from its clock. */
  private static void checkNotExpired(String amzDate) {
    if (amzDate == null) {
      return;
    }
    Instant signed;
    try {
      signed = Instant.from(AMZ_DATE.parse(amzDate));
    } catch (DateTimeException e) {
      throw new ApiException(
          ErrorType.IncompleteSignatureException,
          "Date must be in ISO-8601 'basic format'. Got '" + amzDate + "'.");
    }
    Instant now = Instant.now();
    if (Duration.between(signed, now).abs().compareTo(MAX_SKEW) > 0) {
      throw new ApiException(
          ErrorType.InvalidSignatureException,
          "Signature expired: "
              + amzDate
              + " is now earlier than "
              + AMZ_DATE.format(now.minus(MAX_SKEW))
              + ".");
    }
  }

  /**
   * The region of a request's scope, after the checks above for the signing name {@code service}.
   */
  static String region(String service, String authorization, String amzDate, String date) {
    if (authorization == null) {
      throw new ApiException(
          ErrorType.MissingAuthenticationTokenException, "Missing Authentication Token");
    }
    Matcher credential = CREDENTIAL.matcher(authorization);
    if (!authorization.startsWith("AWS4-HMAC-SHA256 ")
        || !credential.find()
        || !authorization.contains("SignedHeaders=")
        || !authorization.contains("Signature=")) {
      throw new ApiException(
          ErrorType.IncompleteSignatureException,
          "Authorization header requires "
              + "'Credential', 'Signature' and 'SignedHeaders' parameters. Authorization="
              + authorization);
    }
    if (amzDate == null && date == null) {
      throw new ApiException(
          ErrorType.IncompleteSignatureException,
          "Authorization header requires existence of either a 'X-Amz-Date' or a 'Date' header.");
    }
    checkNotExpired(amzDate);
    String[] scope = credential.group(1).split("/");
    if (scope.length != 5 || !scope[4].equals("aws4_request")) {
      throw new ApiException(
          ErrorType.InvalidSignatureException,
          "Credential should be scoped with a valid terminator: 'aws4_request', not '"
              + credential.group(1)
              + "'.");
    }
    if (!scope[3].equals(service)) {
      throw new ApiException(
          ErrorType.InvalidSignatureException,
          "Credential should be scoped to correct service: '" + service + "'. ");
    }
    if (!REGION.matcher(scope[2]).matches()) {
      throw new ApiException(
          ErrorType.InvalidSignatureException, "Credential should be scoped to a valid region. ");
    }
    return scope[2];
  }
}
