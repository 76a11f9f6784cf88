package dev.gitops.imagebuilder.config;

import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The syntax rules of configuration values. Each method returns the typed value or throws {@link
 * IllegalArgumentException} whose message is the rule, phrased to follow "NAME: ".
 */
final class ValueRules {
  private static final Pattern REGION = Pattern.compile("[a-z]{2}(-[a-z]+)+-[0-9]{1,2}");
  private static final Pattern DNS_LABEL = Pattern.compile("[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?");
  private static final Pattern DNS_SUBDOMAIN =
      Pattern.compile("[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*");
  private static final Pattern SHORT_DURATION = Pattern.compile("([0-9]+)(ms|s|m|h)");

  private ValueRules() {}

  static String region(String text) {
    return require(text, REGION.matcher(text).matches(), "must be an AWS region like us-east-1");
  }

  static Set<String> regions(String text) {
    return commaList(
        text, REGION, "must be empty or a comma-separated list of AWS regions like ap-east-2");
  }

  static URI endpoint(String text) {
    String rule = "must be an absolute http or https URL like http://127.0.0.1:4566";
    try {
      URI uri = new URI(text);
      boolean web = "http".equals(uri.getScheme()) || "https".equals(uri.getScheme());
      require(text, web && uri.getHost() != null && uri.getQuery() == null, rule);
      return uri;
    } catch (URISyntaxException e) {
      throw new IllegalArgumentException(rule);
    }
  }

  static Set<String> namespaces(String text) {
    return commaList(
        text,
        DNS_LABEL,
        "must be empty (all namespaces) or a comma-separated list of namespace names");
  }

  /** Empty, or comma-separated items that each match {@code item}. */
  private static Set<String> commaList(String text, Pattern item, String rule) {
    Set<String> result = new LinkedHashSet<>();
    if (text.isBlank()) {
      return result;
    }
    for (String name : text.split(",", -1)) {
      require(text, item.matcher(name.strip()).matches(), rule);
      result.add(name.strip());
    }
    return result;
  }

  static <E extends Enum<E>> E oneOf(Class<E> type, String text) {
    return Arrays.stream(type.getEnumConstants())
        .filter(e -> e.name().equalsIgnoreCase(text))
        .findFirst()
        .orElseThrow(
            () ->
                new IllegalArgumentException(
                    "must be one of "
                        + String.join(
                            ", ",
                            Arrays.stream(type.getEnumConstants()).map(Enum::name).toList())));
  }

  static OperatorConfig.LogFormat logFormat(String text) {
    require(
        text,
        text.equalsIgnoreCase("plain") || text.equalsIgnoreCase("json"),
        "must be plain or json");
    return OperatorConfig.LogFormat.valueOf(text.toUpperCase(Locale.ROOT));
  }

  /** Go-style {@code 10m}, {@code 1h30m}, {@code 90s}, {@code 500ms} or ISO-8601 {@code PT10M}. */
  static Duration positiveDuration(String text) {
    String rule = "must be a positive duration like 10m or PT10M";
    Duration d;
    try {
      d = parseDuration(text);
    } catch (ArithmeticException | NumberFormatException e) {
      d = null; // too large to represent
    }
    require(text, d != null && !d.isNegative() && !d.isZero(), rule);
    return d;
  }

  static int wholeNumber(String text, int min, int max, String rule) {
    try {
      int value = Integer.parseInt(text);
      require(text, value >= min && value <= max, rule);
      return value;
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(rule);
    }
  }

  /** A ceiling in calls per second; empty means none ({@code Double.POSITIVE_INFINITY}). */
  static double rateCeiling(String text) {
    if (text.isBlank()) {
      return Double.POSITIVE_INFINITY;
    }
    String rule = "must be a positive number of calls per second like 5 or 0.5, or empty for none";
    try {
      double value = Double.parseDouble(text);
      require(text, value > 0 && value <= 10_000 && !text.matches(".*[a-zA-Z].*"), rule);
      return value;
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(rule);
    }
  }

  static boolean bool(String text) {
    String lower = text.toLowerCase(Locale.ROOT);
    require(text, lower.equals("true") || lower.equals("false"), "must be true or false");
    return lower.equals("true");
  }

  static String leaseName(String text) {
    return require(
        text,
        text.length() <= 253 && DNS_SUBDOMAIN.matcher(text).matches(),
        "must be a lower-case DNS name (a-z, 0-9, '-', '.'), at most 253 characters");
  }

  static String namespace(String text) {
    return require(
        text,
        DNS_LABEL.matcher(text).matches(),
        "must be a namespace name (a-z, 0-9, '-'), at most 63 characters");
  }

  private static Duration parseDuration(String text) {
    if (text.toUpperCase(Locale.ROOT).startsWith("P")) {
      try {
        return Duration.parse(text);
      } catch (DateTimeParseException e) {
        return null;
      }
    }
    Matcher m = SHORT_DURATION.matcher(text);
    Duration total = Duration.ZERO;
    int end = 0;
    while (m.find() && m.start() == end) {
      long n = Long.parseLong(m.group(1));
      total =
          total.plus(
              switch (m.group(2)) {
                case "ms" -> Duration.ofMillis(n);
                case "s" -> Duration.ofSeconds(n);
                case "m" -> Duration.ofMinutes(n);
                default -> Duration.ofHours(n);
              });
      end = m.end();
    }
    return end == text.length() && end > 0 ? total : null;
  }

  static String require(String text, boolean ok, String rule) {
    if (!ok) {
      throw new IllegalArgumentException(rule);
    }
    return text;
  }
}
