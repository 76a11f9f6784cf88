package dev.gitops.imagebuilder.deploy;

import static dev.gitops.imagebuilder.deploy.HelmChart.find;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.gitops.imagebuilder.api.DeletionPolicy;
import dev.gitops.imagebuilder.config.ConfigParser;
import dev.gitops.imagebuilder.config.OperatorConfig;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The Helm chart, linted and rendered by the real helm: with its defaults it renders the objects of
 * the kustomize base in deploy/ (same RBAC rules, security contexts, probes, env, volumes), its CRD
 * is the generated one, every value reaches the operator as a setting the operator accepts, and
 * wrong values fail with a message naming the value. HelmInstallIT installs it into the test
 * cluster.
 */
class HelmChartTest {
  static final String RELEASE = "imagebuilder-workflow-operator";
  static final String NAMESPACE = "imagebuilder-system";
  static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
  static HelmChart chart;
  static List<JsonNode> defaults;

  @BeforeAll
  static void render() {
    chart = new HelmChart();
    defaults = renderWith();
  }

  @Test
  void lintsCleanWithDefaultsAndWithEveryOptionOn() {
    assertThat(
            chart.ok("lint", "--strict", HelmChart.DIR.toString(), "--set", "aws.region=us-east-1"))
        .contains("1 chart(s) linted, 0 chart(s) failed");
    assertThat(
            chart.ok(
                "lint",
                "--strict",
                HelmChart.DIR.toString(),
                "--set",
                "aws.region=us-east-1",
                "--set",
                "serviceMonitor.enabled=true,prometheusRule.enabled=true,grafanaDashboard.enabled=true",
                "--set",
                "watchNamespaces={team-a,team-b}",
                "--set",
                "serviceAccount.roleArn=arn:aws:iam::123456789012:role/ibw"))
        .contains("0 chart(s) failed");
  }

  @Test
  void rendersTheObjectsOfTheKustomizeBaseUnderTheSameNames() throws IOException {
    assertThat(HelmChart.kinds(defaults)).containsExactlyInAnyOrderElementsOf(kustomizeObjects());
  }

  @Test
  void grantsExactlyTheRbacRulesOfTheKustomizeBase() throws IOException {
    assertThat(find(defaults, "ClusterRole", RELEASE).path("rules"))
        .isEqualTo(kustomize("rbac.yaml", "ClusterRole").path("rules"));
    assertThat(find(defaults, "ClusterRole", RELEASE + "-accounts").path("rules"))
        .isEqualTo(
            DeployManifestsTest.documents(DeployManifestsTest.DEPLOY.resolve("rbac.yaml")).stream()
                .filter(d -> d.at("/metadata/name").asText().endsWith("-accounts"))
                .filter(d -> d.path("kind").asText().equals("ClusterRole"))
                .findFirst()
                .orElseThrow()
                .path("rules"));
    JsonNode leaderRole = find(defaults, "Role", RELEASE + "-leader-election");
    assertThat(leaderRole.path("rules")).isEqualTo(kustomize("rbac.yaml", "Role").path("rules"));
    assertThat(leaderRole.at("/metadata/namespace").asText()).isEqualTo(NAMESPACE);
    for (String binding : List.of("ClusterRoleBinding", "RoleBinding")) {
      JsonNode rendered =
          find(defaults, binding, kustomize("rbac.yaml", binding).at("/metadata/name").asText());
      assertThat(rendered.path("roleRef"))
          .isEqualTo(kustomize("rbac.yaml", binding).path("roleRef"));
      assertThat(rendered.path("subjects"))
          .isEqualTo(kustomize("rbac.yaml", binding).path("subjects"));
    }
  }

  @Test
  void runsThePodOfTheKustomizeBase() throws IOException {
    JsonNode kustomizePod = kustomize("deployment.yaml", "Deployment").at("/spec/template/spec");
    JsonNode chartDeployment = find(defaults, "Deployment", RELEASE);
    JsonNode chartPod = chartDeployment.at("/spec/template/spec");
    for (String field :
        List.of(
            "serviceAccountName",
            "automountServiceAccountToken",
            "terminationGracePeriodSeconds",
            "securityContext",
            "volumes")) {
      assertThat(chartPod.path(field)).as(field).isEqualTo(kustomizePod.path(field));
    }
    JsonNode kustomizeContainer = kustomizePod.path("containers").get(0);
    JsonNode chartContainer = chartPod.path("containers").get(0);
    for (String field :
        List.of(
            "name",
            "imagePullPolicy",
            "env",
            "ports",
            "startupProbe",
            "livenessProbe",
            "readinessProbe",
            "resources",
            "securityContext",
            "volumeMounts")) {
      assertThat(chartContainer.path(field)).as(field).isEqualTo(kustomizeContainer.path(field));
    }
    assertThat(chartContainer.path("image").asText())
        .isEqualTo("imagebuilder-workflow-operator:" + kustomizeImageTag());
    JsonNode kustomizeDeployment = kustomize("deployment.yaml", "Deployment");
    for (String field : List.of("/spec/replicas", "/spec/strategy", "/spec/revisionHistoryLimit")) {
      assertThat(chartDeployment.at(field)).as(field).isEqualTo(kustomizeDeployment.at(field));
    }
    assertThat(
            find(defaults, "ServiceAccount", RELEASE)
                .path("automountServiceAccountToken")
                .asBoolean(true))
        .isFalse();
    assertThat(find(defaults, "PodDisruptionBudget", RELEASE).at("/spec/minAvailable"))
        .isEqualTo(
            kustomize("poddisruptionbudget.yaml", "PodDisruptionBudget").at("/spec/minAvailable"));
    JsonNode service = find(defaults, "Service", RELEASE + "-metrics");
    assertThat(service.at("/spec/ports"))
        .isEqualTo(kustomize("service.yaml", "Service").at("/spec/ports"));
    assertThat(service.at("/metadata/annotations"))
        .isEqualTo(kustomize("service.yaml", "Service").at("/metadata/annotations"));
  }

  @Test
  void theChartsAppVersionIsTheImageTagTheKustomizeBasePins() throws IOException {
    JsonNode chartYaml = YAML.readTree(HelmChart.DIR.resolve("Chart.yaml").toFile());
    assertThat(chartYaml.path("appVersion").asText()).isEqualTo(kustomizeImageTag());
  }

  @Test
  void selectorsMatchThePodLabelsOfThisReleaseOnly() {
    JsonNode podLabels = find(defaults, "Deployment", RELEASE).at("/spec/template/metadata/labels");
    JsonNode selector = find(defaults, "Deployment", RELEASE).at("/spec/selector/matchLabels");
    assertThat(selector.path("app.kubernetes.io/instance").asText()).isEqualTo(RELEASE);
    selector
        .fields()
        .forEachRemaining(l -> assertThat(podLabels.path(l.getKey())).isEqualTo(l.getValue()));
    assertThat(find(defaults, "Service", RELEASE + "-metrics").at("/spec/selector"))
        .isEqualTo(selector);
    assertThat(find(defaults, "PodDisruptionBudget", RELEASE).at("/spec/selector/matchLabels"))
        .isEqualTo(selector);
  }

  @Test
  void itsCrdsAreTheGeneratedFilesInCrds() throws IOException {
    String shown = chart.ok("show", "crds", HelmChart.DIR.toString());
    for (String file : DeployManifestsTest.CRD_FILES) {
      String generated = Files.readString(Path.of("crds", file));
      assertThat(Files.readString(HelmChart.DIR.resolve("crds").resolve(file)))
          .isEqualTo(generated);
      // helm prints the files one after the other, without a document separator
      assertThat(shown).contains(generated.strip());
    }
  }

  @Test
  void everySettingReachesTheOperatorAsAValueItAccepts() throws Exception {
    List<JsonNode> objects =
        chart.render(
            RELEASE,
            NAMESPACE,
            "--set",
            "aws.region=eu-west-1",
            "--set",
            "aws.endpointUrl=https://imagebuilder.eu-west-1.amazonaws.com",
            "--set",
            "watchNamespaces={team-a,team-b}",
            "--set",
            "logFormat=plain",
            "--set",
            "driftCheckInterval=30m",
            "--set",
            "maxConcurrentReconciles=8",
            "--set-json",
            "awsCallsPerSecond=2.5",
            "--set",
            "defaultDeletionPolicy=Retain",
            "--set",
            "leaderElection.leaseName=ibw-lease",
            "--set",
            "httpPort=9090");
    Map<String, String> env = env(find(objects, "Deployment", RELEASE));
    env.put("IBW_LEASE_NAMESPACE", NAMESPACE); // the downward API's value in the pod
    env.remove("JAVA_TOOL_OPTIONS");
    OperatorConfig config = ConfigParser.parse(env, List.of());
    assertThat(config)
        .isEqualTo(
            new OperatorConfig(
                "eu-west-1",
                Optional.of(URI.create("https://imagebuilder.eu-west-1.amazonaws.com")),
                Set.of("team-a", "team-b"),
                DeletionPolicy.Retain,
                Duration.ofMinutes(30),
                8,
                2.5,
                9090,
                OperatorConfig.LogFormat.PLAIN,
                true,
                "ibw-lease",
                Optional.of(NAMESPACE),
                Set.of(),
                Optional.empty(),
                false));
    JsonNode role = find(objects, "Role", RELEASE + "-leader-election");
    assertThat(role.at("/rules/1/resourceNames/0").asText()).isEqualTo("ibw-lease");
    assertThat(
            find(objects, "Deployment", RELEASE)
                .at("/spec/template/spec/containers/0/ports/0/containerPort")
                .asInt())
        .isEqualTo(9090);
  }

  @Test
  void watchedNamespacesGetARoleEachAndOnlyTheAccountsClusterRole() {
    List<JsonNode> objects =
        chart.render(
            "ibw",
            NAMESPACE,
            "--set",
            "aws.region=us-east-1",
            "--set",
            "watchNamespaces={team-a,team-b}");
    assertThat(HelmChart.kinds(objects).stream().filter(k -> k.startsWith("ClusterRole")))
        .allMatch(k -> k.endsWith("-accounts"))
        .hasSize(2);
    JsonNode clusterRules = find(defaults, "ClusterRole", RELEASE).path("rules");
    for (String namespace : List.of("team-a", "team-b")) {
      JsonNode role = inNamespace(objects, "Role", namespace);
      assertThat(role.path("rules")).isEqualTo(clusterRules);
      JsonNode binding = inNamespace(objects, "RoleBinding", namespace);
      assertThat(binding.at("/roleRef/name").asText())
          .isEqualTo(role.at("/metadata/name").asText());
      assertThat(binding.at("/subjects/0/namespace").asText()).isEqualTo(NAMESPACE);
      assertThat(binding.at("/subjects/0/name").asText())
          .isEqualTo("ibw-imagebuilder-workflow-operator");
    }
  }

  @Test
  void irsaAnnotatesTheServiceAccountAndPodIdentityNeedsNothing() {
    List<JsonNode> objects =
        renderWith(
            "serviceAccount.roleArn=arn:aws:iam::123456789012:role/imagebuilder-workflow-operator");
    assertThat(
            find(objects, "ServiceAccount", RELEASE)
                .at("/metadata/annotations/eks.amazonaws.com~1role-arn")
                .asText())
        .isEqualTo("arn:aws:iam::123456789012:role/imagebuilder-workflow-operator");
    assertThat(
            find(defaults, "ServiceAccount", RELEASE).at("/metadata/annotations").isMissingNode())
        .as("Pod Identity: no annotation, the association names the ServiceAccount")
        .isTrue();
  }

  @ParameterizedTest(name = "{0} -> {1}")
  @CsvSource(
      delimiter = '|',
      textBlock =
          """
      aws.region=                                  | aws.region: the default region for resources without spec.region is required
      aws.region=Virginia                          | at '/aws/region'
      logFormat=xml                                | at '/logFormat': value must be one of 'plain', 'json'
      leaderElection.enabled=false                 | leaderElection.enabled: must be true with replicaCount > 1
      maxConcurrentReconciles=0                    | at '/maxConcurrentReconciles'
      serviceAccount.roleArn=my-role               | at '/serviceAccount/roleArn'
      watchNamespaces={Team_A}                     | at '/watchNamespaces/0'
      replicaCount=0                               | at '/replicaCount'
      """)
  void refusesAWrongValueNamingIt(String value, String message) {
    var result =
        chart.template(RELEASE, NAMESPACE, "--set", "aws.region=us-east-1", "--set", value);
    assertThat(result.exitCode()).as(result.output()).isNotZero();
    assertThat(result.stderr()).contains(message);
  }

  @Test
  void monitoringObjectsCarryTheRulesAndTheDashboardOfFiles() throws IOException {
    List<JsonNode> objects =
        renderWith(
            "serviceMonitor.enabled=true,prometheusRule.enabled=true,grafanaDashboard.enabled=true",
            "prometheusRule.alertLabels.team=platform",
            "prometheusRule.labels.release=prom");
    JsonNode rule = find(objects, "PrometheusRule", RELEASE);
    assertThat(rule.at("/metadata/labels/release").asText()).isEqualTo("prom");
    JsonNode expected = YAML.readTree(MonitoringQueries.RULES.toFile());
    assertThat(rule.at("/spec/groups").size()).isEqualTo(expected.path("groups").size());
    for (int g = 0; g < expected.path("groups").size(); g++) {
      JsonNode rules = expected.path("groups").get(g).path("rules");
      for (int r = 0; r < rules.size(); r++) {
        JsonNode rendered = rule.at("/spec/groups/" + g + "/rules/" + r);
        ((ObjectNode) rules.get(r).path("labels")).put("team", "platform");
        assertThat(rendered).isEqualTo(rules.get(r));
      }
    }
    JsonNode dashboard = find(objects, "ConfigMap", RELEASE + "-dashboard");
    assertThat(dashboard.at("/metadata/labels/grafana_dashboard").asText()).isEqualTo("1");
    assertThat(
            new ObjectMapper()
                .readTree(dashboard.at("/data/imagebuilder-workflow-operator.json").asText()))
        .isEqualTo(new ObjectMapper().readTree(MonitoringQueries.DASHBOARD.toFile()));
    JsonNode monitor = find(objects, "ServiceMonitor", RELEASE);
    JsonNode service = find(objects, "Service", RELEASE + "-metrics");
    assertThat(monitor.at("/spec/selector/matchLabels"))
        .allSatisfy(v -> assertThat(service.at("/metadata/labels")).contains(v));
    assertThat(monitor.at("/spec/endpoints/0/port").asText())
        .isEqualTo(service.at("/spec/ports/0/name").asText());
  }

  @Test
  void theArgoCdApplicationsValuesRenderTheOperatorInItsNamespace() throws IOException {
    JsonNode app = YAML.readTree(Path.of("deploy/argocd/operator-helm-application.yaml").toFile());
    assertThat(Path.of(app.at("/spec/source/path").asText())).isEqualTo(HelmChart.DIR);
    Path values = Files.createTempFile("argocd-values", ".yaml");
    try {
      YAML.writeValue(values.toFile(), app.at("/spec/source/helm/valuesObject"));
      String namespace = app.at("/spec/destination/namespace").asText();
      List<JsonNode> objects =
          chart.render(
              app.at("/spec/source/helm/releaseName").asText(),
              namespace,
              "--values",
              values.toString());
      assertThat(find(objects, "Deployment", RELEASE).at("/metadata/namespace").asText())
          .isEqualTo(namespace);
      assertThat(HelmChart.kinds(objects))
          .contains("PrometheusRule/" + RELEASE, "ServiceMonitor/" + RELEASE);
      assertThat(
              app.at(
                      "/spec/syncPolicy/managedNamespaceMetadata/labels/pod-security.kubernetes.io~1enforce")
                  .asText())
          .isEqualTo("restricted");
    } finally {
      Files.delete(values);
    }
  }

  /**
   * The chart rendered as release RELEASE in NAMESPACE with a region and {@code --set} each value.
   */
  private static List<JsonNode> renderWith(String... values) {
    List<String> args = new ArrayList<>(List.of("--set", "aws.region=us-east-1"));
    for (String value : values) {
      args.addAll(List.of("--set", value));
    }
    return chart.render(RELEASE, NAMESPACE, args.toArray(String[]::new));
  }

  private static JsonNode inNamespace(List<JsonNode> objects, String kind, String namespace) {
    return objects.stream()
        .filter(o -> o.path("kind").asText().equals(kind))
        .filter(o -> o.at("/metadata/namespace").asText().equals(namespace))
        .findFirst()
        .orElseThrow(() -> new AssertionError("no " + kind + " in " + namespace));
  }

  /**
   * Kind/name of every object the kustomize base lists, the Namespace aside (helm
   * --create-namespace).
   */
  private static List<String> kustomizeObjects() throws IOException {
    List<JsonNode> objects = new ArrayList<>();
    for (JsonNode resource :
        YAML.readTree(DeployManifestsTest.DEPLOY.resolve("kustomization.yaml").toFile())
            .path("resources")) {
      Path file = DeployManifestsTest.DEPLOY.resolve(resource.asText());
      if (Files.isRegularFile(file)) {
        objects.addAll(DeployManifestsTest.documents(file));
      }
    }
    return HelmChart.kinds(
        objects.stream().filter(o -> !o.path("kind").asText().equals("Namespace")).toList());
  }

  private static String kustomizeImageTag() throws IOException {
    return YAML.readTree(DeployManifestsTest.DEPLOY.resolve("kustomization.yaml").toFile())
        .at("/images/0/newTag")
        .asText();
  }

  private static JsonNode kustomize(String file, String kind) throws IOException {
    return DeployManifestsTest.only(file, kind);
  }

  private static Map<String, String> env(JsonNode deployment) {
    Map<String, String> env = new LinkedHashMap<>();
    deployment
        .at("/spec/template/spec/containers/0/env")
        .forEach(
            e -> {
              if (e.has("value")) {
                env.put(e.path("name").asText(), e.path("value").asText());
              }
            });
    return env;
  }
}
