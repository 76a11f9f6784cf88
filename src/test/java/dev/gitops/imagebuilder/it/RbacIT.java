package dev.gitops.imagebuilder.it;

import static dev.gitops.imagebuilder.it.Workflows.document;
import static dev.gitops.imagebuilder.it.Workflows.workflow;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.gitops.imagebuilder.emulator.EmulatorOptions;
import dev.gitops.imagebuilder.emulator.ImageBuilderEmulator;
import dev.gitops.imagebuilder.testing.DeployRbac;
import dev.gitops.imagebuilder.testing.KubeApiServerExtension;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * RBAC proven: the operator runs authenticated as deploy/'s ServiceAccount, with deploy/'s
 * ClusterRole and Role applied, and does its whole job. Which test needs which rule:
 *
 * <ul>
 *   <li>ClusterRole imagebuilderworkflows get/list/watch/patch: every test (informer, finalizer);
 *       {@link #deletingRemovesTheBuildThenTheResource} for the finalizer's removal;
 *   <li>imagebuilderworkflows/status update: {@link #aCreatedResourceBecomesReadyWithAnEvent};
 *   <li>configmaps get/list/watch: {@link #aDocumentFromAConfigMapBecomesReady} (and start-up);
 *   <li>events create: {@link #aCreatedResourceBecomesReadyWithAnEvent};
 *   <li>Role leases create, leases get/update/patch: {@link
 *       #leadsThroughTheLeaseInItsOwnNamespaceAndRenewsIt} (and start-up: JOSDK checks
 *       create/get/update before it elects).
 * </ul>
 *
 * {@link RbacRuleRemovalIT} removes each rule in turn and shows the operator then fails.
 */
class RbacIT {
  @RegisterExtension static final KubeApiServerExtension kube = new KubeApiServerExtension();
  static ImageBuilderEmulator emu;
  static KubernetesClient asOperator;
  static OperatorAsServiceAccount operator;
  static Workflows workflows;

  @BeforeAll
  static void start() throws Exception {
    Workflows.installCrds(kube);
    DeployRbac.apply(kube.client(), DeployRbac.objects(kube.client()));
    emu = ImageBuilderEmulator.start(EmulatorOptions.defaults());
    asOperator = kube.impersonating(DeployRbac.NAMESPACE, DeployRbac.ACCOUNT);
    operator = new OperatorAsServiceAccount(asOperator, emu, kube.namespace());
    workflows = new Workflows(kube.client(), kube.namespace());
    await().atMost(Workflows.TIMEOUT).until(operator.runtime::isLeading);
  }

  @AfterAll
  static void stop() {
    if (operator != null) {
      operator.close();
    }
    emu.close();
  }

  @Test
  void aCreatedResourceBecomesReadyWithAnEvent() {
    String uid =
        workflows
            .create(workflow("rbac-create", "rbac-create", "1.0.0", document("c")))
            .getMetadata()
            .getUid();
    var ready = workflows.awaitReady("rbac-create", "True", "Created");
    assertThat(ready.getMetadata().getFinalizers()).isNotEmpty();
    workflows.awaitEventAbout(uid);
  }

  @Test
  void aDocumentFromAConfigMapBecomesReady() {
    workflows.createConfigMap("rbac-doc", "workflow.yaml", document("from a ConfigMap"), true);
    var resource = workflow("rbac-configmap", "rbac-configmap", "1.0.0", null);
    resource.getSpec().setDataFrom(Workflows.fromConfigMap("rbac-doc", "workflow.yaml"));
    workflows.create(resource);
    workflows.awaitReady("rbac-configmap", "True", "Created");
  }

  @Test
  void deletingRemovesTheBuildThenTheResource() {
    workflows.create(workflow("rbac-delete", "rbac-delete", "1.0.0", document("d")));
    workflows.awaitReady("rbac-delete", "True", "Created");
    workflows.named("rbac-delete").delete();
    await().atMost(Workflows.TIMEOUT).until(() -> workflows.get("rbac-delete") == null);
    assertThat(Workflows.builds(emu, "rbac-delete")).isEmpty();
  }

  @Test
  void leadsThroughTheLeaseInItsOwnNamespaceAndRenewsIt() {
    var leases =
        kube.client().leases().inNamespace(DeployRbac.NAMESPACE).withName(DeployRbac.LEASE);
    var first = leases.get().getSpec();
    assertThat(first.getHolderIdentity()).isEqualTo(operator.runtime.identity());
    // Renewals (a patch every retry period) move renewTime on while the holder stays.
    await()
        .atMost(Workflows.TIMEOUT)
        .until(
            () -> {
              var now = leases.get().getSpec();
              return now.getHolderIdentity().equals(first.getHolderIdentity())
                  && now.getRenewTime().isAfter(first.getRenewTime());
            });
  }

  @Test
  void cannotDoWhatItDoesNotNeed() {
    assertForbidden(() -> asOperator.secrets().inNamespace(kube.namespace()).list());
    assertForbidden(
        () -> asOperator.configMaps().inNamespace(kube.namespace()).withName("rbac-doc").delete());
    assertForbidden(
        () ->
            asOperator
                .resources(dev.gitops.imagebuilder.api.ImageBuilderWorkflow.class)
                .inNamespace(kube.namespace())
                .withName("anything")
                .delete());
    assertForbidden(() -> asOperator.leases().inNamespace(kube.namespace()).list());
    assertForbidden(() -> asOperator.apps().deployments().inNamespace(DeployRbac.NAMESPACE).list());
  }

  private static void assertForbidden(Runnable call) {
    assertThatThrownBy(call::run)
        .isInstanceOfSatisfying(
            KubernetesClientException.class, e -> assertThat(e.getCode()).isEqualTo(403));
  }
}
