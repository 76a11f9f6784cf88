package dev.gitops.imagebuilder.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.GenericKubernetesResourceBuilder;
import io.fabric8.kubernetes.api.model.GenericKubernetesResourceList;
import io.fabric8.kubernetes.api.model.ServiceAccountBuilder;
import io.fabric8.kubernetes.api.model.rbac.PolicyRuleBuilder;
import io.fabric8.kubernetes.api.model.rbac.RoleBindingBuilder;
import io.fabric8.kubernetes.api.model.rbac.RoleBuilder;
import io.fabric8.kubernetes.api.model.rbac.SubjectBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.MixedOperation;
import io.fabric8.kubernetes.client.dsl.Resource;
import io.fabric8.kubernetes.client.dsl.base.ResourceDefinitionContext;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Proves the test cluster is a real API server: schema and CEL admission, generation, conflicts,
 * RBAC.
 */
class KubeApiServerIT {

  @RegisterExtension static final KubeApiServerExtension kube = new KubeApiServerExtension();

  private static final ResourceDefinitionContext WIDGETS =
      new ResourceDefinitionContext.Builder()
          .withGroup("harness.test.gitops.dev")
          .withVersion("v1")
          .withKind("Widget")
          .withPlural("widgets")
          .withNamespaced(true)
          .build();

  @BeforeAll
  static void installCrd() {
    kube.installCrd(Path.of("src/test/resources/testing/widget-crd.yaml"));
  }

  @Test
  void serverIsKubernetes134() {
    assertThat(kube.client().getKubernetesVersion().getGitVersion()).startsWith("v1.34.");

    assertThat(new Kubectl(kube.kubectl(), kube.kubeconfig()).ok(null, "get", "--raw", "/version"))
        .contains("\"gitVersion\": \"v1.34.");
  }

  @Test
  void celRuleRejectsObjectWithTheRuleMessage() {
    assertThatThrownBy(() -> widgets(kube.client()).resource(widget("inverted", 5, 2)).create())
        .isInstanceOfSatisfying(
            KubernetesClientException.class, e -> assertThat(e.getCode()).isEqualTo(422))
        .hasMessageContaining("minReplicas must not exceed maxReplicas");

    assertThat(widgets(kube.client()).withName("inverted").get()).isNull();
  }

  @Test
  void specUpdateBumpsGenerationButStatusPatchDoesNot() {
    GenericKubernetesResource created =
        widgets(kube.client()).resource(widget("gen", 1, 3)).create();
    assertThat(created.getMetadata().getGeneration()).isEqualTo(1L);

    GenericKubernetesResource specChanged =
        widgets(kube.client()).withName("gen").edit(w -> withSpec(w, 2, 3));
    assertThat(specChanged.getMetadata().getGeneration()).isEqualTo(2L);

    GenericKubernetesResource statusChanged =
        widgets(kube.client())
            .withName("gen")
            .editStatus(
                w -> {
                  w.setAdditionalProperty("status", Map.of("phase", "Ready"));
                  return w;
                });
    assertThat(statusChanged.getMetadata().getGeneration()).isEqualTo(2L);
    assertThat(statusChanged.getMetadata().getResourceVersion())
        .isNotEqualTo(specChanged.getMetadata().getResourceVersion());
    assertThat(widgets(kube.client()).withName("gen").get().get("status", "phase").toString())
        .isEqualTo("Ready");
  }

  @Test
  void updateWithStaleResourceVersionConflicts() {
    GenericKubernetesResource stale =
        widgets(kube.client()).resource(widget("stale", 1, 3)).create();
    widgets(kube.client()).resource(withSpec(copy(stale), 1, 4)).update();

    assertThatThrownBy(() -> widgets(kube.client()).resource(withSpec(copy(stale), 1, 5)).update())
        .isInstanceOfSatisfying(
            KubernetesClientException.class, e -> assertThat(e.getCode()).isEqualTo(409));
  }

  @Test
  void serviceAccountWithoutBindingsIsForbiddenUntilBound() {
    KubernetesClient nobody = kube.impersonating(kube.namespace(), "nobody");
    assertThatThrownBy(() -> widgets(nobody).list())
        .isInstanceOfSatisfying(
            KubernetesClientException.class, e -> assertThat(e.getCode()).isEqualTo(403));

    bindWidgetReader("nobody");
    assertListAllowedEventually(nobody);
  }

  @Test
  void tokenRequestAuthenticatesAsTheServiceAccount() {
    kube.client()
        .serviceAccounts()
        .resource(
            new ServiceAccountBuilder().withNewMetadata().withName("reader").endMetadata().build())
        .create();
    String token =
        kube.client().serviceAccounts().withName("reader").tokenRequest().getStatus().getToken();
    KubernetesClient reader = kube.withToken(token);

    assertThatThrownBy(() -> widgets(reader).list())
        .isInstanceOfSatisfying(
            KubernetesClientException.class, e -> assertThat(e.getCode()).isEqualTo(403))
        .hasMessageContaining("system:serviceaccount:" + kube.namespace() + ":reader");

    bindWidgetReader("reader");
    assertListAllowedEventually(reader);
  }

  /** The RBAC authorizer sees new bindings through an informer, so allow it a moment. */
  private static void assertListAllowedEventually(KubernetesClient client) {
    await()
        .atMost(Duration.ofSeconds(60))
        .ignoreException(KubernetesClientException.class)
        .untilAsserted(() -> assertThat(widgets(client).list().getItems()).isNotNull());
  }

  private static void bindWidgetReader(String serviceAccount) {
    kube.client()
        .rbac()
        .roles()
        .resource(
            new RoleBuilder()
                .withNewMetadata()
                .withName(serviceAccount + "-widgets")
                .endMetadata()
                .withRules(
                    new PolicyRuleBuilder()
                        .withApiGroups("harness.test.gitops.dev")
                        .withResources("widgets")
                        .withVerbs("list")
                        .build())
                .build())
        .create();
    kube.client()
        .rbac()
        .roleBindings()
        .resource(
            new RoleBindingBuilder()
                .withNewMetadata()
                .withName(serviceAccount + "-widgets")
                .endMetadata()
                .withNewRoleRef("rbac.authorization.k8s.io", "Role", serviceAccount + "-widgets")
                .withSubjects(
                    new SubjectBuilder()
                        .withKind("ServiceAccount")
                        .withName(serviceAccount)
                        .withNamespace(kube.namespace())
                        .build())
                .build())
        .create();
  }

  private static MixedOperation<
          GenericKubernetesResource,
          GenericKubernetesResourceList,
          Resource<GenericKubernetesResource>>
      widgets(KubernetesClient client) {
    return client.genericKubernetesResources(WIDGETS);
  }

  private static GenericKubernetesResource widget(String name, int min, int max) {
    return withSpec(
        new GenericKubernetesResourceBuilder()
            .withApiVersion("harness.test.gitops.dev/v1")
            .withKind("Widget")
            .withNewMetadata()
            .withName(name)
            .endMetadata()
            .build(),
        min,
        max);
  }

  private static GenericKubernetesResource withSpec(
      GenericKubernetesResource widget, int min, int max) {
    widget.setAdditionalProperty("spec", Map.of("minReplicas", min, "maxReplicas", max));
    return widget;
  }

  private static GenericKubernetesResource copy(GenericKubernetesResource widget) {
    return new GenericKubernetesResourceBuilder(widget).build();
  }
}
