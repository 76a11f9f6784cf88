package dev.gitops.imagebuilder.it;

import static dev.gitops.imagebuilder.it.Workflows.document;
import static dev.gitops.imagebuilder.it.Workflows.workflow;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.gitops.imagebuilder.deploy.MonitoringQueries;
import dev.gitops.imagebuilder.emulator.EmulatorOptions;
import dev.gitops.imagebuilder.emulator.ImageBuilderEmulator;
import dev.gitops.imagebuilder.testing.KubeApiServerExtension;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The alerts and the dashboard read only metrics the operator exports. The operator, installed with
 * the chart, drives a resource to Ready (AWS calls, resource gauges, reconcile timings); then its
 * Role loses the status permission so that a second resource's reconcile fails and the failure series
 * exist too. Every metric name the PromQL of files/prometheus-rules.yaml and files/grafana-dashboard.json
 * uses must then be a series of its /metrics.
 */
class MonitoringMetricsIT {
  /** A sample line: the series name before its labels or value. */
  private static final Pattern SAMPLE = Pattern.compile("^([a-zA-Z_:][a-zA-Z0-9_:]*)[{ ]", Pattern.MULTILINE);
  private static final String RELEASE = "ibw-metrics";

  @RegisterExtension static final KubeApiServerExtension kube = new KubeApiServerExtension();
  static ImageBuilderEmulator emu;
  static ChartRelease release;
  static MainProcess main;

  @BeforeAll
  static void start() throws Exception {
    emu = ImageBuilderEmulator.start(EmulatorOptions.defaults());
    release = ChartRelease.install(kube, emu, RELEASE);
    main = release.startMain(emu);
  }

  @AfterAll
  static void stop() throws Exception {
    try {
      if (main != null) {
        main.close();
      }
      if (release != null) {
        release.close();
      }
    } finally {
      emu.close();
    }
  }

  @Test
  void everyMetricTheAlertsAndTheDashboardReadIsExported() throws Exception {
    var workflows = new Workflows(kube.client(), kube.namespace());
    workflows.create(workflow("monitored", "monitored", "1.0.0", document("metrics")));
    workflows.awaitReady("monitored", "True", "Created");
    await().atMost(Workflows.TIMEOUT).until(() -> main.get("/metrics").body()
        .contains("imagebuilder_workflows{condition=\"Ready\",status=\"True\"} 1.0"));

    String role = RELEASE + "-imagebuilder-workflow-operator";
    kube.client().rbac().roles().withName(role).edit(r -> {
      r.getRules().removeIf(rule -> rule.getResources().contains("imagebuilderworkflows/status"));
      return r;
    });
    workflows.create(workflow("unwritable", "unwritable", "1.0.0", document("no status")));
    await().atMost(Workflows.TIMEOUT).until(() -> main.get("/metrics").body()
        .contains("operator_sdk_reconciliations_failed_total"));

    Set<String> exported = new TreeSet<>();
    Matcher m = SAMPLE.matcher(main.get("/metrics").body());
    while (m.find()) {
      exported.add(m.group(1));
    }
    Map<String, Set<String>> used = MonitoringQueries.metricNames();
    assertThat(used).as("metric names found in the rules and the dashboard").isNotEmpty();
    used.forEach((name, where) -> assertThat(exported).as("%s, used by %s", name, where).contains(name));
  }
}
