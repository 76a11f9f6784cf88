package dev.gitops.imagebuilder.it;

import static dev.gitops.imagebuilder.it.Workflows.document;
import static dev.gitops.imagebuilder.it.Workflows.workflow;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.gitops.imagebuilder.api.ImageBuilderAccount;
import dev.gitops.imagebuilder.api.ImageBuilderAccountSpec;
import dev.gitops.imagebuilder.deploy.MonitoringQueries;
import dev.gitops.imagebuilder.testing.KubeApiServerExtension;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * {@code helm install} of deploy/helm into the real API server, then the operator configured by the
 * chart's Deployment and authorized only by the chart's RBAC (a Role in the watched namespace, the
 * accounts ClusterRole and the leader-election Role) drives a resource to Ready in the AWS account
 * an ImageBuilderAccount maps the namespace to, and leads through the chart's Lease. Last, the
 * alerts and the dashboard are checked against what this operator really exports on /metrics.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class HelmInstallIT {
  static final String RELEASE = "ibw";
  static final String FULLNAME = RELEASE + "-imagebuilder-workflow-operator";

  /** A sample line of the Prometheus text format: the series name before its labels or value. */
  static final Pattern SAMPLE =
      Pattern.compile("^([a-zA-Z_:][a-zA-Z0-9_:]*)[{ ]", Pattern.MULTILINE);

  /** The role the test namespace is mapped to, trusted in the release's emulator. */
  static final String ROLE = "arn:aws:iam::210987654321:role/imagebuilder-helm-installed";

  @RegisterExtension static final KubeApiServerExtension kube = new KubeApiServerExtension();
  static ChartRelease release;
  static Workflows workflows;

  @BeforeAll
  static void installAndStart() throws Exception {
    release = ChartRelease.start(kube, RELEASE);
    workflows = new Workflows(kube.client(), kube.namespace());
    release.emu().trust(ROLE, null);
    mapTheNamespaceToRole();
  }

  @AfterAll
  static void stopAndUninstall() throws Exception {
    try {
      kube.client().resources(ImageBuilderAccount.class).withName(kube.namespace()).delete();
    } finally {
      if (release != null) {
        release.close();
      }
    }
  }

  /**
   * A cluster-scoped mapping named after the namespace (unique on a shared API server); returns
   * once the operator has reported it selects the namespace, so the first workflow already uses it.
   */
  static void mapTheNamespaceToRole() {
    ImageBuilderAccountSpec spec = new ImageBuilderAccountSpec();
    spec.setRoleArn(ROLE);
    spec.setNamespaces(List.of(kube.namespace()));
    ImageBuilderAccount mapping = new ImageBuilderAccount();
    mapping.setMetadata(new ObjectMetaBuilder().withName(kube.namespace()).build());
    mapping.setSpec(spec);
    kube.client().resource(mapping).create();
    await()
        .atMost(Workflows.TIMEOUT)
        .until(
            () ->
                kube.client().resources(ImageBuilderAccount.class).withName(kube.namespace()).get(),
            m ->
                m.getStatus() != null
                    && m.getStatus().getNamespaces() != null
                    && m.getStatus().getNamespaces().contains(kube.namespace()));
  }

  @Test
  @Order(1)
  void theReleasesObjectsAreInTheClusterWithTheCrdServed() {
    assertThat(
            kube.client()
                .apiextensions()
                .v1()
                .customResourceDefinitions()
                .withName("imagebuilderworkflows.imagebuilder.gitops.dev")
                .get())
        .isNotNull();
    assertThat(release.objects())
        .extracting(o -> o.path("kind").asText())
        .contains(
            "ServiceAccount",
            "Role",
            "RoleBinding",
            "Deployment",
            "Service",
            "PodDisruptionBudget");
    assertThat(kube.client().apps().deployments().withName(FULLNAME).get().getSpec().getReplicas())
        .isEqualTo(2);
    assertThat(
            kube.client()
                .serviceAccounts()
                .withName(FULLNAME)
                .get()
                .getAutomountServiceAccountToken())
        .isFalse();
    assertThat(kube.client().rbac().roles().withName(FULLNAME).get().getRules()).hasSize(4);
    assertThat(kube.client().rbac().clusterRoles().withName(FULLNAME).get())
        .as("no ClusterRole when namespaces are listed")
        .isNull();
  }

  @Test
  @Order(2)
  void theOperatorRunsAResourceToReadyUnderTheChartsRbac() {
    String uid =
        workflows
            .create(workflow("helm-installed", "helm-installed", "1.0.0", document("helm")))
            .getMetadata()
            .getUid();
    var ready = workflows.awaitReady("helm-installed", "True", "Created");
    assertThat(ready.getStatus().getWorkflowBuildVersionArn())
        .startsWith("arn:aws:imagebuilder:" + release.emu().region() + ":210987654321:")
        .endsWith("/helm-installed/1.0.0/1");
    assertThat(ready.getStatus().getRoleArn()).isEqualTo(ROLE);
    workflows.awaitEventAbout(uid);
  }

  @Test
  @Order(3)
  void itLeadsThroughTheLeaseTheChartsRoleNames() {
    String lease = release.operatorEnv().get("IBW_LEASE_NAME");
    assertThat(
            release
                .object("Role", FULLNAME + "-leader-election")
                .at("/rules/1/resourceNames/0")
                .asText())
        .isEqualTo(lease);
    await()
        .atMost(Workflows.TIMEOUT)
        .until(
            () -> {
              var held = kube.client().leases().withName(lease).get();
              return held != null
                  && release.main().identity().equals(held.getSpec().getHolderIdentity());
            });
  }

  @Test
  @Order(4)
  void itsServiceAccountCanDoNothingElse() {
    var asOperator = kube.withToken(release.token());
    assertThatThrownBy(() -> asOperator.secrets().inNamespace(kube.namespace()).list())
        .isInstanceOfSatisfying(
            KubernetesClientException.class, e -> assertThat(e.getCode()).isEqualTo(403));
    assertThatThrownBy(() -> asOperator.configMaps().inNamespace("default").list())
        .as("a namespace it does not watch")
        .isInstanceOfSatisfying(
            KubernetesClientException.class, e -> assertThat(e.getCode()).isEqualTo(403));
  }

  /**
   * The resource above made the AWS call, resource-gauge and reconcile-timing series, and through
   * its mapped role the AssumeRole failure series (exported at zero once a role is in use, no
   * failure needed); taking the status permission from the Role makes a second resource's reconcile
   * fail, so the failure series exist too.
   */
  @Test
  @Order(5)
  void everyMetricTheAlertsAndTheDashboardReadIsExported() throws Exception {
    awaitMetrics("imagebuilder_workflows{condition=\"Ready\",status=\"True\"} 1.0");
    awaitMetrics("imagebuilder_assume_role_failures_total{account=\"210987654321\"} 0.0");
    kube.client()
        .rbac()
        .roles()
        .withName(FULLNAME)
        .edit(
            r -> {
              r.getRules()
                  .removeIf(rule -> rule.getResources().contains("imagebuilderworkflows/status"));
              return r;
            });
    workflows.create(workflow("unwritable", "unwritable", "1.0.0", document("no status")));
    awaitMetrics("operator_sdk_reconciliations_failed_total");

    Set<String> exported = new TreeSet<>();
    Matcher m = SAMPLE.matcher(release.main().get("/metrics").body());
    while (m.find()) {
      exported.add(m.group(1));
    }
    Map<String, Set<String>> used = MonitoringQueries.metricNames();
    assertThat(used).as("metric names found in the rules and the dashboard").isNotEmpty();
    used.forEach(
        (name, where) -> assertThat(exported).as("%s, used by %s", name, where).contains(name));
  }

  private static void awaitMetrics(String text) {
    await()
        .atMost(Workflows.TIMEOUT)
        .until(() -> release.main().get("/metrics").body().contains(text));
  }
}
