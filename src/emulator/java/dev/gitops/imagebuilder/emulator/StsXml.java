package dev.gitops.imagebuilder.emulator;

import java.nio.charset.StandardCharsets;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/**
 * STS answers in the query protocol's XML, element names as the STS model (2011-06-15) spells them,
 * written by hand (the emulator carries no XML library).
 */
final class StsXml {

  static final String NAMESPACE = "https://sts.amazonaws.com/doc/2011-06-15/";
  private static final DateTimeFormatter ISO_8601 =
      DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);

  private StsXml() {}

  static byte[] assumeRole(SessionCredentials.Session s, String requestId) {
    return ("<AssumeRoleResponse xmlns=\""
            + NAMESPACE
            + "\">\n"
            + "  <AssumeRoleResult>\n"
            + "    <Credentials>\n"
            + element("      ", "AccessKeyId", s.accessKeyId())
            + element("      ", "SecretAccessKey", s.secretAccessKey())
            + element("      ", "SessionToken", s.sessionToken())
            + element("      ", "Expiration", ISO_8601.format(s.expiration()))
            + "    </Credentials>\n"
            + "    <AssumedRoleUser>\n"
            + element("      ", "AssumedRoleId", s.assumedRoleId())
            + element("      ", "Arn", s.assumedRoleArn())
            + "    </AssumedRoleUser>\n"
            + "  </AssumeRoleResult>\n"
            + "  <ResponseMetadata>\n"
            + element("    ", "RequestId", requestId)
            + "  </ResponseMetadata>\n"
            + "</AssumeRoleResponse>\n")
        .getBytes(StandardCharsets.UTF_8);
  }

  /** Every error here is the caller's: {@code Type} is always {@code Sender}. */
  static byte[] error(StsError e, String requestId) {
    return ("<ErrorResponse xmlns=\""
            + NAMESPACE
            + "\">\n"
            + "  <Error>\n"
            + element("    ", "Type", "Sender")
            + element("    ", "Code", e.code)
            + element("    ", "Message", e.getMessage())
            + "  </Error>\n"
            + element("  ", "RequestId", requestId)
            + "</ErrorResponse>\n")
        .getBytes(StandardCharsets.UTF_8);
  }

  private static String element(String indent, String name, String text) {
    return indent + "<" + name + ">" + escape(text) + "</" + name + ">\n";
  }

  /** Markup escaped; control characters XML 1.0 forbids become U+FFFD. */
  static String escape(String text) {
    StringBuilder out = new StringBuilder(text.length());
    for (char c : text.toCharArray()) {
      switch (c) {
        case '<' -> out.append("&lt;");
        case '>' -> out.append("&gt;");
        case '&' -> out.append("&amp;");
        case '"' -> out.append("&quot;");
        case '\'' -> out.append("&apos;");
        default -> out.append(c < 0x20 && c != '\t' && c != '\n' && c != '\r' ? '\uFFFD' : c);
      }
    }
    return out.toString();
  }
}
