package dev.gitops.imagebuilder.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gitops.imagebuilder.api.ImageBuilderWorkflow;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import org.junit.jupiter.api.Test;

class KubernetesClientsTest {
  private static final String MANAGED_FIELDS =
      """
      "managedFields": [{"manager": "kubectl", "operation": "Apply", "fieldsType": "FieldsV1",
        "fieldsV1": {"f:spec": {"f:name": {}, "f:semanticVersion": {}}}}]""";

  private final KubernetesSerialization serialization = KubernetesClients.serialization();

  @Test
  void aWorkflowIsReadWithoutItsFieldManagersAndWithEverythingElse() {
    ImageBuilderWorkflow workflow =
        serialization.unmarshal(
            """
            {"apiVersion": "imagebuilder.gitops.dev/v1alpha1", "kind": "ImageBuilderWorkflow",
             "metadata": {"name": "w", "namespace": "team-a", "uid": "u-1", "generation": 3,
               "labels": {"team": "a"}, "finalizers": ["f"], %s},
             "spec": {"name": "flow", "semanticVersion": "1.2.3", "type": "BUILD", "data": "steps: []"},
             "status": {"observedGeneration": 3, "buildVersion": 2}}"""
                .formatted(MANAGED_FIELDS),
            ImageBuilderWorkflow.class);

    assertThat(workflow.getMetadata().getManagedFields()).isEmpty();
    assertThat(workflow.getMetadata().getAdditionalProperties()).isEmpty();
    assertThat(workflow.getMetadata().getLabels()).containsEntry("team", "a");
    assertThat(workflow.getMetadata().getFinalizers()).containsExactly("f");
    assertThat(workflow.getMetadata().getGeneration()).isEqualTo(3);
    assertThat(workflow.getSpec().getSemanticVersion()).isEqualTo("1.2.3");
    assertThat(workflow.getStatus().getBuildVersion()).isEqualTo(2);
  }

  @Test
  void aBuiltInKindIsReadWithoutThemToo() {
    ConfigMap configMap =
        serialization.unmarshal(
            """
            {"apiVersion": "v1", "kind": "ConfigMap", "metadata": {"name": "c", %s},
             "data": {"k": "v"}}"""
                .formatted(MANAGED_FIELDS),
            ConfigMap.class);

    assertThat(configMap.getMetadata().getManagedFields()).isEmpty();
    assertThat(configMap.getData()).containsEntry("k", "v");
    assertThat(serialization.asJson(configMap)).doesNotContain("managedFields");
  }
}
