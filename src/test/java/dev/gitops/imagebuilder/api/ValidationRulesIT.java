package dev.gitops.imagebuilder.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.gitops.imagebuilder.testing.KubeApiServerExtension;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.GenericKubernetesResourceBuilder;
import io.fabric8.kubernetes.api.model.GenericKubernetesResourceList;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.MixedOperation;
import io.fabric8.kubernetes.client.dsl.Resource;
import io.fabric8.kubernetes.client.dsl.base.ResourceDefinitionContext;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The API server itself refuses what AWS would refuse, at apply time, with a message naming the
 * field. Resources go in untyped so that wrong types and unknown values reach the server unchanged.
 */
class ValidationRulesIT {
  @RegisterExtension static final KubeApiServerExtension kube = new KubeApiServerExtension();

  private static final ResourceDefinitionContext IBW =
      new ResourceDefinitionContext.Builder()
          .withGroup(ImageBuilderWorkflow.GROUP)
          .withVersion(ImageBuilderWorkflow.VERSION)
          .withKind("ImageBuilderWorkflow")
          .withPlural("imagebuilderworkflows")
          .withNamespaced(true)
          .build();
  private static final AtomicInteger NAMES = new AtomicInteger();

  @BeforeAll
  static void installCrd() {
    kube.installCrd(CrdFiles.COMMITTED);
  }

  static List<SpecCases.Refused> refused() {
    return SpecCases.refused();
  }

  static List<SpecCases.Accepted> accepted() {
    return SpecCases.accepted();
  }

  static List<SpecCases.RefusedUpdate> refusedUpdates() {
    return SpecCases.refusedUpdates();
  }

  @Test
  void everyRuleHasARefusedCase() {
    assertThat(SpecCases.refused().size() + SpecCases.refusedUpdates().size())
        .isGreaterThanOrEqualTo(35);
  }

  @ParameterizedTest(name = "refused: {0}")
  @MethodSource("refused")
  void refusedOnCreateNamingTheField(SpecCases.Refused refused) {
    Map<String, Object> spec = SpecCases.validSpec();
    refused.change().accept(spec);

    assertRefused(
        () -> workflows().resource(workflow(spec)).create(), refused.field(), refused.reason());
  }

  @ParameterizedTest(name = "accepted: {0}")
  @MethodSource("accepted")
  void acceptedAtTheBoundary(SpecCases.Accepted accepted) {
    Map<String, Object> spec = SpecCases.validSpec();
    accepted.change().accept(spec);

    GenericKubernetesResource created = workflows().resource(workflow(spec)).create();

    assertThat(created.getAdditionalProperties().get("spec")).isEqualTo(spec);
  }

  @ParameterizedTest(name = "refused update: {0}")
  @MethodSource("refusedUpdates")
  void refusedOnUpdateSayingToCreateANewResource(SpecCases.RefusedUpdate update) {
    Map<String, Object> spec = SpecCases.validSpec();
    update.before().accept(spec);
    GenericKubernetesResource created = workflows().resource(workflow(spec)).create();
    update.after().accept(spec);
    created.getAdditionalProperties().put("spec", spec);

    assertRefused(
        () -> workflows().resource(created).update(),
        update.field(),
        "immutable; create a new resource instead");
  }

  @Test
  void mutableFieldsCanChange() {
    Map<String, Object> spec = SpecCases.validSpec();
    spec.put("name", "kept");
    spec.put("region", "us-east-1");
    GenericKubernetesResource created = workflows().resource(workflow(spec)).create();
    spec.put("semanticVersion", "1.1.0");
    spec.put("description", "second version");
    spec.remove("data");
    spec.put("uri", "s3://bucket/workflow.yaml");
    spec.put("deletionPolicy", "Retain");
    created.getAdditionalProperties().put("spec", spec);

    GenericKubernetesResource updated = workflows().resource(created).update();

    assertThat(updated.getAdditionalProperties().get("spec")).isEqualTo(spec);
  }

  @Test
  void theManagementPolicyChangesInEveryDirection() {
    Map<String, Object> spec = SpecCases.validSpec();
    GenericKubernetesResource resource = workflows().resource(workflow(spec)).create();
    for (String policy : List.of("Plan", "Observe", "Manage", "Observe", "Plan", "Manage")) {
      spec.put("managementPolicy", policy);
      resource.getAdditionalProperties().put("spec", spec);
      resource = workflows().resource(resource).update();
      assertThat(resource.getAdditionalProperties().get("spec")).isEqualTo(spec);
    }
    spec.remove("managementPolicy");
    resource.getAdditionalProperties().put("spec", spec);
    assertThat(workflows().resource(resource).update().getAdditionalProperties().get("spec"))
        .isEqualTo(spec);
  }

  @Test
  void leavingObserveNeedsADocument() {
    Map<String, Object> spec = SpecCases.validSpec();
    spec.remove("data");
    spec.put("managementPolicy", "Observe");
    GenericKubernetesResource observed = workflows().resource(workflow(spec)).create();
    spec.put("managementPolicy", "Manage");
    observed.getAdditionalProperties().put("spec", spec);

    assertRefused(
        () -> workflows().resource(observed).update(),
        "spec.data",
        "required unless spec.managementPolicy is Observe");
  }

  @Test
  void aResourceWithoutSpecIsRefused() {
    GenericKubernetesResource withoutSpec = workflow(SpecCases.validSpec());
    withoutSpec.getAdditionalProperties().remove("spec");

    assertRefused(() -> workflows().resource(withoutSpec).create(), "spec", "Required value");
  }

  @Test
  void aMetadataNameThatIsNoWorkflowNameNeedsSpecName() {
    GenericKubernetesResource dotted = workflow(SpecCases.validSpec());
    dotted.getMetadata().setName("golden.ami");

    assertRefused(() -> workflows().resource(dotted).create(), "metadata.name", "set spec.name");

    Map<String, Object> named = SpecCases.validSpec();
    named.put("name", "golden-ami");
    dotted.getAdditionalProperties().put("spec", named);
    assertThat(workflows().resource(dotted).create().getMetadata().getName())
        .isEqualTo("golden.ami");
  }

  private static void assertRefused(Runnable request, String field, String reason) {
    assertThatThrownBy(request::run)
        .isInstanceOfSatisfying(
            KubernetesClientException.class,
            e -> {
              assertThat(e.getCode()).as(e.getMessage()).isEqualTo(422);
              assertThat(e.getMessage()).contains(field).contains(reason);
            });
  }

  private static MixedOperation<
          GenericKubernetesResource,
          GenericKubernetesResourceList,
          Resource<GenericKubernetesResource>>
      workflows() {
    return kube.client().genericKubernetesResources(IBW);
  }

  private static GenericKubernetesResource workflow(Map<String, Object> spec) {
    return new GenericKubernetesResourceBuilder()
        .withApiVersion(ImageBuilderWorkflow.GROUP + "/" + ImageBuilderWorkflow.VERSION)
        .withKind("ImageBuilderWorkflow")
        .withNewMetadata()
        .withName("case-" + NAMES.incrementAndGet())
        .withNamespace(kube.namespace())
        .endMetadata()
        .addToAdditionalProperties("spec", spec)
        .build();
  }
}
