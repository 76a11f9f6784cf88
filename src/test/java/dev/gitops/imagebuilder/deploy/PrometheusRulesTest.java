package dev.gitops.imagebuilder.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The chart's alerts (files/prometheus-rules.yaml) checked and unit-tested by the real promtool:
 * valid rules, and src/test/resources/prometheus/alerts-test.yaml passing, with a case where each
 * alert fires and one where it stays quiet. MonitoringMetricsIT checks their metric names against a
 * running operator.
 */
class PrometheusRulesTest {
  static final Path UNIT_TESTS = Path.of("src/test/resources/prometheus/alerts-test.yaml");
  static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
  static ExternalTool promtool;

  @BeforeAll
  static void findPromtool() {
    promtool = ExternalTool.locate("promtool");
  }

  @Test
  void promtoolAcceptsTheRules() {
    assertThat(promtool.ok(null, "check", "rules", MonitoringQueries.RULES.toString()))
        .contains("SUCCESS: " + MonitoringQueries.alerts().size() + " rules found");
  }

  @Test
  void theUnitTestsOfEveryAlertPass() {
    String out = promtool.ok(null, "test", "rules", UNIT_TESTS.toString());
    assertThat(out).contains("SUCCESS");
  }

  @Test
  void everyAlertHasACaseWhereItFiresAndOneWhereItStaysQuiet() throws IOException {
    Set<String> fires = new TreeSet<>();
    Set<String> quiet = new TreeSet<>();
    for (JsonNode test : YAML.readTree(UNIT_TESTS.toFile()).path("tests")) {
      for (JsonNode check : test.path("alert_rule_test")) {
        (check.path("exp_alerts").isEmpty() ? quiet : fires).add(check.path("alertname").asText());
      }
    }
    assertThat(fires).isEqualTo(MonitoringQueries.alerts().keySet());
    assertThat(quiet).isEqualTo(MonitoringQueries.alerts().keySet());
  }

  @Test
  void everyAlertWaitsHasASeverityAndSaysWhatToDo() throws IOException {
    for (JsonNode group : YAML.readTree(MonitoringQueries.RULES.toFile()).path("groups")) {
      for (JsonNode rule : group.path("rules")) {
        String alert = rule.path("alert").asText();
        assertThat(rule.path("for").asText()).as("%s for", alert).isNotBlank();
        assertThat(rule.at("/labels/severity").asText())
            .as("%s severity", alert)
            .isIn("warning", "critical");
        assertThat(rule.at("/annotations/summary").asText()).as("%s summary", alert).isNotBlank();
        assertThat(rule.at("/annotations/description").asText())
            .as("%s description", alert)
            .isNotBlank();
      }
    }
  }

  @Test
  void theChartsPrometheusRuleIsAValidRuleFileToo() throws IOException {
    JsonNode rule =
        HelmChart.find(
            new HelmChart()
                .render(
                    "ibw",
                    "imagebuilder-system",
                    "--set",
                    "aws.region=us-east-1",
                    "--set",
                    "prometheusRule.enabled=true",
                    "--set",
                    "prometheusRule.alertLabels.team=platform"),
            "PrometheusRule",
            "ibw-imagebuilder-workflow-operator");
    Path file = Files.createTempFile("prometheusrule", ".yaml");
    try {
      YAML.writeValue(file.toFile(), rule.path("spec"));
      assertThat(promtool.ok(null, "check", "rules", file.toString()))
          .contains("SUCCESS: " + MonitoringQueries.alerts().size() + " rules found");
    } finally {
      Files.delete(file);
    }
  }
}
