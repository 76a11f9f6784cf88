package dev.gitops.imagebuilder.it;

import static dev.gitops.imagebuilder.it.Workflows.document;
import static dev.gitops.imagebuilder.it.Workflows.workflow;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.gitops.imagebuilder.emulator.EmulatorOptions;
import dev.gitops.imagebuilder.emulator.ImageBuilderEmulator;
import dev.gitops.imagebuilder.testing.KubeApiServerExtension;
import io.fabric8.kubernetes.client.KubernetesClientException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * {@code helm install} of deploy/helm into the real API server, then the operator configured by the
 * chart's Deployment and authorized only by the chart's RBAC (a Role in the watched namespace and the
 * leader-election Role) drives a resource to Ready and leads through the chart's Lease.
 */
class HelmInstallIT {
  static final String RELEASE = "ibw";

  @RegisterExtension static final KubeApiServerExtension kube = new KubeApiServerExtension();
  static ImageBuilderEmulator emu;
  static ChartRelease release;
  static MainProcess main;

  @BeforeAll
  static void install() throws Exception {
    emu = ImageBuilderEmulator.start(EmulatorOptions.defaults());
    release = ChartRelease.install(kube, emu, RELEASE);
    main = release.startMain(emu);
  }

  @AfterAll
  static void uninstall() throws Exception {
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
  void theChartInstalledItsCrdAndItsObjects() {
    assertThat(kube.client().apiextensions().v1().customResourceDefinitions()
        .withName("imagebuilderworkflows.imagebuilder.gitops.dev").get()).isNotNull();
    String fullname = RELEASE + "-imagebuilder-workflow-operator";
    assertThat(kube.client().apps().deployments().withName(fullname).get().getSpec().getReplicas()).isEqualTo(2);
    assertThat(kube.client().serviceAccounts().withName(fullname).get().getAutomountServiceAccountToken()).isFalse();
    assertThat(kube.client().rbac().roles().withName(fullname).get().getRules()).hasSize(4);
    assertThat(kube.client().rbac().clusterRoles().withName(fullname).get()).as("no ClusterRole when namespaces are listed")
        .isNull();
  }

  @Test
  void theOperatorRunsAResourceToReadyUnderTheChartsRbac() throws Exception {
    var workflows = new Workflows(kube.client(), kube.namespace());
    String uid = workflows.create(workflow("helm-installed", "helm-installed", "1.0.0", document("helm")))
        .getMetadata().getUid();
    var ready = workflows.awaitReady("helm-installed", "True", "Created");
    assertThat(ready.getStatus().getWorkflowBuildVersionArn()).endsWith("/helm-installed/1.0.0/1");
    await().atMost(Workflows.TIMEOUT).until(() -> kube.client().v1().events().inNamespace(kube.namespace())
        .list().getItems().stream().anyMatch(e -> uid.equals(e.getInvolvedObject().getUid())));
  }

  @Test
  void itLeadsThroughTheLeaseTheChartsRoleNames() {
    String lease = release.operatorEnv().get("IBW_LEASE_NAME");
    assertThat(release.object("Role", RELEASE + "-imagebuilder-workflow-operator-leader-election")
        .at("/rules/1/resourceNames/0").asText()).isEqualTo(lease);
    await().atMost(Workflows.TIMEOUT).until(() -> {
      var held = kube.client().leases().withName(lease).get();
      return held != null && main.identity().equals(held.getSpec().getHolderIdentity());
    });
  }

  @Test
  void itsServiceAccountCanDoNothingElse() {
    var asOperator = kube.withToken(release.token());
    assertThatThrownBy(() -> asOperator.secrets().inNamespace(kube.namespace()).list())
        .isInstanceOfSatisfying(KubernetesClientException.class, e -> assertThat(e.getCode()).isEqualTo(403));
    assertThatThrownBy(() -> asOperator.configMaps().inNamespace("default").list())
        .as("a namespace it does not watch").isInstanceOfSatisfying(KubernetesClientException.class,
            e -> assertThat(e.getCode()).isEqualTo(403));
  }
}
