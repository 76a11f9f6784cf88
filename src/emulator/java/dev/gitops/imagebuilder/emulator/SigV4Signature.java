package dev.gitops.imagebuilder.emulator;

import com.sun.net.httpserver.Headers;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Recomputes the SigV4 signature of a request signed with a key whose secret the emulator knows
 * ({@link CallerIdentities} decides which) and answers a mismatch the way AWS does
 * (InvalidSignatureException, 403).
 */
final class SigV4Signature {

  private static final Pattern PARTS =
      Pattern.compile(
          "Credential=([^/,\\s]+)/([^,\\s]+),\\s*SignedHeaders=([^,\\s]+),\\s*Signature=([0-9a-f]+)");
  private static final HexFormat HEX = HexFormat.of();

  void verify(
      String secret, String method, String rawPath, String rawQuery, Headers headers, byte[] body) {
    Matcher m = PARTS.matcher(headers.getFirst("Authorization"));
    if (!m.find()) {
      throw mismatch();
    }
    String scope = m.group(2);
    String canonical =
        method
            + "\n"
            + uriEncode(rawPath, false)
            + "\n"
            + canonicalQuery(rawQuery)
            + "\n"
            + canonicalHeaders(headers, m.group(3))
            + "\n"
            + m.group(3)
            + "\n"
            + HEX.formatHex(sha256(body));
    String stringToSign =
        "AWS4-HMAC-SHA256\n"
            + headers.getFirst("X-Amz-Date")
            + "\n"
            + scope
            + "\n"
            + HEX.formatHex(sha256(canonical.getBytes(StandardCharsets.UTF_8)));
    byte[] key = ("AWS4" + secret).getBytes(StandardCharsets.UTF_8);
    for (String part : scope.split("/")) {
      key = hmac(key, part);
    }
    String expected = HEX.formatHex(hmac(key, stringToSign));
    if (!MessageDigest.isEqual(
        expected.getBytes(StandardCharsets.US_ASCII),
        m.group(4).getBytes(StandardCharsets.US_ASCII))) {
      throw mismatch();
    }
  }

  private static ApiException mismatch() {
    return new ApiException(
        ErrorType.InvalidSignatureException,
        "The request signature we calculated does not"
            + " match the signature you provided. Check your AWS Secret Access Key and signing method.");
  }

  private static String canonicalQuery(String rawQuery) {
    if (rawQuery == null || rawQuery.isEmpty()) {
      return "";
    }
    List<String> pairs = new ArrayList<>();
    for (String pair : rawQuery.split("&")) {
      int eq = pair.indexOf('=');
      String name = HttpExchanges.decode(eq < 0 ? pair : pair.substring(0, eq));
      String value = eq < 0 ? "" : HttpExchanges.decode(pair.substring(eq + 1));
      pairs.add(uriEncode(name, true) + "=" + uriEncode(value, true));
    }
    pairs.sort(null);
    return String.join("&", pairs);
  }

  private static String canonicalHeaders(Headers headers, String signedHeaders) {
    StringBuilder out = new StringBuilder();
    for (String name : signedHeaders.split(";")) {
      List<String> values = headers.get(name);
      String value = values == null ? "" : String.join(",", values);
      out.append(name).append(':').append(value.trim().replaceAll(" +", " ")).append('\n');
    }
    return out.toString();
  }

  /**
   * RFC 3986 encoding as SigV4 wants it; the path (already encoded once by the SDK) keeps its
   * slashes.
   */
  private static String uriEncode(String text, boolean encodeSlash) {
    StringBuilder out = new StringBuilder();
    for (byte b : text.getBytes(StandardCharsets.UTF_8)) {
      char c = (char) (b & 0xff);
      if ((c >= 'A' && c <= 'Z')
          || (c >= 'a' && c <= 'z')
          || (c >= '0' && c <= '9')
          || "-_.~".indexOf(c) >= 0
          || (c == '/' && !encodeSlash)) {
        out.append(c);
      } else {
        out.append('%').append(HEX.withUpperCase().toHexDigits(b));
      }
    }
    return out.toString();
  }

  private static byte[] sha256(byte[] data) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(data);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("SHA-256 is part of every JDK", e);
    }
  }

  private static byte[] hmac(byte[] key, String data) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(key, "HmacSHA256"));
      return mac.doFinal(data.getBytes(StandardCharsets.UTF_8));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HmacSHA256 is part of every JDK", e);
    }
  }
}
