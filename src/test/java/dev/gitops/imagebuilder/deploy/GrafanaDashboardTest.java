package dev.gitops.imagebuilder.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * files/grafana-dashboard.json is a dashboard Grafana provisions as is: a fixed uid, unique panel
 * ids, panels on the 24-column grid without overlaps, every query on the selectable Prometheus data
 * source and the namespace variable. HelmInstallIT checks the metric names its queries use.
 */
class GrafanaDashboardTest {
  static JsonNode dashboard;

  @BeforeAll
  static void read() throws IOException {
    dashboard = new ObjectMapper().readTree(MonitoringQueries.DASHBOARD.toFile());
  }

  @Test
  void hasAFixedUidAndUniquePanelIds() {
    assertThat(dashboard.path("uid").asText()).isEqualTo("imagebuilder-workflow-operator");
    Set<Integer> ids = new HashSet<>();
    dashboard
        .path("panels")
        .forEach(p -> assertThat(ids.add(p.path("id").asInt())).as("id %s", p.path("id")).isTrue());
    assertThat(ids).doesNotContain(0);
  }

  @Test
  void panelsTileTheGridWithoutOverlapping() {
    List<int[]> boxes = new ArrayList<>();
    for (JsonNode panel : dashboard.path("panels")) {
      JsonNode pos = panel.path("gridPos");
      int[] box = {
        pos.path("x").asInt(), pos.path("y").asInt(), pos.path("w").asInt(), pos.path("h").asInt()
      };
      assertThat(box[0] + box[2])
          .as("%s fits the 24 columns", panel.path("title"))
          .isBetween(1, 24);
      for (int[] other : boxes) {
        boolean apart =
            box[0] >= other[0] + other[2]
                || other[0] >= box[0] + box[2]
                || box[1] >= other[1] + other[3]
                || other[1] >= box[1] + box[3];
        assertThat(apart).as("%s overlaps another panel", panel.path("title")).isTrue();
      }
      boxes.add(box);
    }
  }

  @Test
  void everyQueryUsesTheSelectedDataSourceAndNamespace() {
    List<String> variables = new ArrayList<>();
    dashboard.at("/templating/list").forEach(v -> variables.add(v.path("name").asText()));
    assertThat(variables).containsExactly("datasource", "namespace");
    for (JsonNode panel : dashboard.path("panels")) {
      if (panel.path("type").asText().equals("row")) {
        continue;
      }
      assertThat(panel.at("/datasource/uid").asText()).isEqualTo("${datasource}");
      assertThat(panel.path("targets")).as("%s has queries", panel.path("title")).isNotEmpty();
      Set<String> refIds = new HashSet<>();
      for (JsonNode target : panel.path("targets")) {
        assertThat(refIds.add(target.path("refId").asText())).isTrue();
        assertThat(target.path("expr").asText())
            .as("%s", panel.path("title"))
            .contains("namespace=~\"$namespace\"");
      }
    }
  }
}
