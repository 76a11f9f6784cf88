package dev.gitops.imagebuilder.deploy;

import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The metric names a PromQL expression (or a Grafana query) reads: every identifier that is not a
 * function, keyword, label name, duration or string. Enough PromQL for alerting rules and
 * dashboards; it errs towards reporting an identifier, so a misspelt metric never slips through.
 */
public final class PromQlMetricNames {
  private static final Set<String> KEYWORDS =
      Set.of(
          "and",
          "or",
          "unless",
          "by",
          "without",
          "on",
          "ignoring",
          "group_left",
          "group_right",
          "bool",
          "offset",
          "atan2",
          "inf",
          "nan");
  private static final Pattern STRING =
      Pattern.compile("\"(?:[^\"\\\\]|\\\\.)*\"|'(?:[^'\\\\]|\\\\.)*'");
  private static final Pattern MATCHERS = Pattern.compile("\\{[^{}]*}");
  private static final Pattern RANGE = Pattern.compile("\\[[^\\]]*]");
  private static final Pattern LABEL_LIST =
      Pattern.compile("\\b(by|without|on|ignoring|group_left|group_right)\\s*\\([^()]*\\)");

  /** Grafana's label_values(metric, label): the label is no metric. */
  private static final Pattern LABEL_VALUES =
      Pattern.compile("label_values\\(\\s*([^,()]*?)\\s*,\\s*\\w+\\s*\\)");

  private static final Pattern VARIABLE = Pattern.compile("\\$\\{?\\w+}?");
  private static final Pattern IDENTIFIER =
      Pattern.compile("(?<![\\w.])([a-zA-Z_:][a-zA-Z0-9_:]*)(\\s*\\()?");

  private PromQlMetricNames() {}

  public static Set<String> in(String expression) {
    String text = STRING.matcher(expression).replaceAll(" ");
    text = LABEL_VALUES.matcher(text).replaceAll("$1");
    text = MATCHERS.matcher(text).replaceAll(" ");
    text = RANGE.matcher(text).replaceAll(" ");
    text = LABEL_LIST.matcher(text).replaceAll(" ");
    text = VARIABLE.matcher(text).replaceAll(" ");
    Set<String> names = new TreeSet<>();
    Matcher m = IDENTIFIER.matcher(text);
    while (m.find()) {
      boolean call = m.group(2) != null;
      if (!call && !KEYWORDS.contains(m.group(1).toLowerCase())) {
        names.add(m.group(1));
      }
    }
    return names;
  }
}
