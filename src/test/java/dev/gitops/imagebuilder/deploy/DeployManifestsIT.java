package dev.gitops.imagebuilder.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.gitops.imagebuilder.testing.KubeApiServerExtension;
import dev.gitops.imagebuilder.testing.Kubectl;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * deploy/ on the real API server, as a user applies it: rendered by kubectl kustomize, accepted by
 * a server-side dry run, applied for real, and its pod template admitted by Pod Security {@code
 * restricted} in the operator namespace. The namespace stays (no controller-manager would finish
 * deleting it); applying again is idempotent.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class DeployManifestsIT {
  static final String NAMESPACE = "imagebuilder-system";

  @RegisterExtension static final KubeApiServerExtension kube = new KubeApiServerExtension();

  static Kubectl kubectl;
  static String rendered;

  @BeforeAll
  static void render() throws Exception {
    kubectl = new Kubectl(kube.kubectl(), kube.kubeconfig());
    rendered = kubectl.ok(null, "kustomize", "deploy");
  }

  static List<HasMetadata> objects() {
    return kube.client()
        .load(new ByteArrayInputStream(rendered.getBytes(StandardCharsets.UTF_8)))
        .items();
  }

  @Test
  @Order(1)
  void rendersEveryPieceIntoTheOperatorNamespace() {
    assertThat(objects())
        .extracting(HasMetadata::getKind)
        .containsExactlyInAnyOrder(
            "CustomResourceDefinition",
            "CustomResourceDefinition",
            "Namespace",
            "ServiceAccount",
            "ClusterRole",
            "ClusterRoleBinding",
            "ClusterRole",
            "ClusterRoleBinding",
            "Role",
            "RoleBinding",
            "Deployment",
            "Service",
            "PodDisruptionBudget");
    objects().stream()
        .filter(o -> o.getMetadata().getNamespace() != null)
        .forEach(
            o -> assertThat(o.getMetadata().getNamespace()).as(o.getKind()).isEqualTo(NAMESPACE));
  }

  @Test
  @Order(2)
  void aServerSideDryRunAcceptsEveryObject() throws Exception {
    // A namespaced dry run needs its namespace to exist, as it would after the first sync wave.
    String namespaceOnly =
        Serialization.asYaml(
            objects().stream()
                .filter(o -> o.getKind().equals("Namespace"))
                .findFirst()
                .orElseThrow());
    kubectl.ok(namespaceOnly, "apply", "--server-side", "--field-manager=deploy-it", "-f", "-");
    String out =
        kubectl.ok(
            rendered,
            "apply",
            "--server-side",
            "--force-conflicts",
            "--field-manager=deploy-it",
            "--dry-run=server",
            "-f",
            "-");
    assertThat(out)
        .contains(
            "deployment.apps/imagebuilder-workflow-operator serverside-applied (server dry run)");
  }

  @Test
  @Order(3)
  void appliesForRealWithTheNamespaceEnforcingRestrictedPodSecurity() throws Exception {
    kubectl.ok(
        rendered,
        "apply",
        "--server-side",
        "--force-conflicts",
        "--field-manager=deploy-it",
        "-f",
        "-");
    var ns = kube.client().namespaces().withName(NAMESPACE).get();
    assertThat(ns.getMetadata().getLabels())
        .containsEntry("pod-security.kubernetes.io/enforce", "restricted");
    Deployment deployment =
        kube.client()
            .apps()
            .deployments()
            .inNamespace(NAMESPACE)
            .withName("imagebuilder-workflow-operator")
            .get();
    assertThat(deployment.getSpec().getReplicas()).isEqualTo(2);
    assertThat(kube.client().rbac().clusterRoles().withName("imagebuilder-workflow-operator").get())
        .isNotNull();
    assertThat(
            kube.client()
                .apiextensions()
                .v1()
                .customResourceDefinitions()
                .withName("imagebuilderworkflows.imagebuilder.gitops.dev")
                .get())
        .isNotNull();
  }

  @Test
  @Order(1)
  void theRenderedCrdIsTheGeneratedOneInCrds() throws Exception {
    var generated =
        kube.client()
            .load(
                Files.newInputStream(
                    Path.of("crds", "imagebuilderworkflows.imagebuilder.gitops.dev-v1.yml")))
            .items()
            .get(0);
    var rendered =
        objects().stream()
            .filter(CustomResourceDefinition.class::isInstance)
            .filter(o -> o.getMetadata().getName().equals(generated.getMetadata().getName()))
            .findFirst()
            .orElseThrow();
    assertThat(((CustomResourceDefinition) rendered).getSpec())
        .isEqualTo(((CustomResourceDefinition) generated).getSpec());
  }

  @Test
  @Order(4)
  void thePodTemplateIsAdmittedByRestrictedPodSecurity() {
    Pod pod = podFromTemplate();
    Pod created = kube.client().pods().inNamespace(NAMESPACE).resource(pod).create();
    try {
      assertThat(created.getMetadata().getUid()).isNotBlank();
    } finally {
      kube.client()
          .pods()
          .inNamespace(NAMESPACE)
          .withName(created.getMetadata().getName())
          .delete();
    }
  }

  @Test
  @Order(5)
  void theNamespaceRefusesAPodThatIsNotRestricted() {
    // Shows the check above can fail: the same template without its hardening is rejected.
    Pod weakened =
        new PodBuilder(podFromTemplate())
            .editSpec()
            .withSecurityContext(null)
            .editFirstContainer()
            .withSecurityContext(null)
            .endContainer()
            .endSpec()
            .build();
    assertThatThrownBy(
            () -> kube.client().pods().inNamespace(NAMESPACE).resource(weakened).create())
        .isInstanceOfSatisfying(
            KubernetesClientException.class,
            e -> {
              assertThat(e.getCode()).isEqualTo(403);
              assertThat(e.getMessage()).contains("violates PodSecurity \"restricted:latest\"");
            });
  }

  private static Pod podFromTemplate() {
    Deployment deployment =
        objects().stream()
            .filter(Deployment.class::isInstance)
            .map(Deployment.class::cast)
            .findFirst()
            .orElseThrow();
    var template = deployment.getSpec().getTemplate();
    return new PodBuilder()
        .withNewMetadata()
        .withName("deploy-it-" + UUID.randomUUID().toString().substring(0, 6))
        .withNamespace(NAMESPACE)
        .withLabels(template.getMetadata().getLabels())
        .endMetadata()
        .withSpec(template.getSpec())
        .build();
  }
}
