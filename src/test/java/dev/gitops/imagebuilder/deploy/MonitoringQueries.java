package dev.gitops.imagebuilder.deploy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The PromQL the chart ships: every alert's expression in files/prometheus-rules.yaml and every
 * query of files/grafana-dashboard.json (panel targets and template variables), with the metric
 * names each reads.
 */
public final class MonitoringQueries {
  public static final Path CHART = Path.of("deploy/helm/imagebuilder-workflow-operator");
  public static final Path RULES = CHART.resolve("files/prometheus-rules.yaml");
  public static final Path DASHBOARD = CHART.resolve("files/grafana-dashboard.json");

  private MonitoringQueries() {}

  /** Alert name to expression. */
  public static Map<String, String> alerts() {
    Map<String, String> alerts = new TreeMap<>();
    for (JsonNode group : read(new ObjectMapper(new YAMLFactory()), RULES).path("groups")) {
      group
          .path("rules")
          .forEach(r -> alerts.put(r.path("alert").asText(), r.path("expr").asText()));
    }
    return alerts;
  }

  /** Every query of the dashboard: panel targets (nested rows included) and variable queries. */
  public static List<String> dashboardQueries() {
    JsonNode dashboard = read(new ObjectMapper(), DASHBOARD);
    List<String> queries = new ArrayList<>();
    collectPanels(dashboard.path("panels"), queries);
    for (JsonNode variable : dashboard.at("/templating/list")) {
      if (variable.path("type").asText().equals("query")) {
        JsonNode query = variable.path("query");
        queries.add(query.isObject() ? query.path("query").asText() : query.asText());
      }
    }
    return queries;
  }

  /** Metric name to where it is used ("alert X", "dashboard"). */
  public static Map<String, Set<String>> metricNames() {
    Map<String, Set<String>> names = new TreeMap<>();
    alerts()
        .forEach(
            (alert, expr) ->
                PromQlMetricNames.in(expr)
                    .forEach(
                        n -> names.computeIfAbsent(n, k -> new TreeSet<>()).add("alert " + alert)));
    dashboardQueries()
        .forEach(
            q ->
                PromQlMetricNames.in(q)
                    .forEach(n -> names.computeIfAbsent(n, k -> new TreeSet<>()).add("dashboard")));
    return names;
  }

  private static void collectPanels(JsonNode panels, List<String> queries) {
    for (JsonNode panel : panels) {
      panel.path("targets").forEach(t -> queries.add(t.path("expr").asText()));
      collectPanels(panel.path("panels"), queries);
    }
  }

  private static JsonNode read(ObjectMapper mapper, Path file) {
    try {
      return mapper.readTree(file.toFile());
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + file, e);
    }
  }
}
