package dev.gitops.imagebuilder.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The examples are what users copy: each maps onto the Java types and holds a document AWS accepts.
 */
class ExamplesTest {
  private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
  private static final TypeReference<Map<String, Object>> MAP = new TypeReference<>() {};

  static List<Path> resources() {
    return Examples.resources();
  }

  @ParameterizedTest
  @MethodSource("resources")
  void mapsOntoTheJavaTypesWithoutLosingAField(Path file) throws IOException {
    Map<String, Object> raw = YAML.readValue(file.toFile(), MAP);
    ImageBuilderWorkflow typed =
        Serialization.unmarshal(Files.readString(file), ImageBuilderWorkflow.class);

    Map<String, Object> roundTripped = YAML.convertValue(typed.getSpec(), MAP);
    assertThat(roundTripped).isEqualTo(raw.get("spec"));
    assertThat(typed.getMetadata().getNamespace()).as("examples are applied with -n").isNull();
  }

  @ParameterizedTest
  @MethodSource("resources")
  void inlineDocumentsAreWorkflowDocuments(Path file) throws IOException {
    ImageBuilderWorkflow workflow =
        Serialization.unmarshal(Files.readString(file), ImageBuilderWorkflow.class);
    if (workflow.getSpec().getData() != null) {
      assertIsWorkflowDocument(workflow.getSpec().getData());
    }
  }

  @Test
  void theFullExampleSetsEveryFieldButTheOtherDocumentSources() throws IOException {
    Object spec = YAML.readValue(Examples.DIR.resolve("full.yaml").toFile(), MAP).get("spec");
    assertThat(YAML.convertValue(spec, MAP).keySet())
        .containsExactlyInAnyOrder(
            "name",
            "type",
            "semanticVersion",
            "description",
            "changeDescription",
            "data",
            "kmsKeyId",
            "tags",
            "region",
            "deletionPolicy");
  }

  @Test
  void theBuildWorkflowOfTheKustomizeExampleIsARealisticBuildDocument() throws IOException {
    String document = Files.readString(Examples.DIR.resolve("kustomize/build-workflow.yaml"));
    assertIsWorkflowDocument(document);
    List<Object> actions = steps(document).stream().map(step -> step.get("action")).toList();
    assertThat(actions)
        .contains("LaunchInstance", "ExecuteComponents", "CreateImage", "TerminateInstance");
  }

  @Test
  void everyKindOfDocumentSourceHasAnExample() {
    assertThat(Examples.resources().stream().map(p -> p.getFileName().toString()))
        .contains("minimal.yaml", "full.yaml", "s3-uri.yaml");
    assertThat(Examples.kustomizations().stream().map(p -> p.getFileName().toString()))
        .contains("kustomize")
        .doesNotContain("accounts");
  }

  @Test
  void theAccountsExampleMapsItsNamespaceToARoleAndPutsAWorkflowThere() throws IOException {
    Map<String, Object> kustomization =
        YAML.readValue(Examples.ACCOUNTS.resolve("kustomization.yaml").toFile(), MAP);
    Map<String, Path> byKind = new TreeMap<>();
    for (Object resource : (List<?>) kustomization.get("resources")) {
      Path file = Examples.ACCOUNTS.resolve(resource.toString());
      String kind = String.valueOf(YAML.readValue(file.toFile(), MAP).get("kind"));
      assertThat(byKind.put(kind, file)).as("one %s", kind).isNull();
    }
    assertThat(byKind).containsOnlyKeys("Namespace", "ImageBuilderAccount", "ImageBuilderWorkflow");

    String namespace =
        Serialization.unmarshal(Files.readString(byKind.get("Namespace")), Namespace.class)
            .getMetadata()
            .getName();
    Path accountFile = byKind.get("ImageBuilderAccount");
    ImageBuilderAccount account =
        Serialization.unmarshal(Files.readString(accountFile), ImageBuilderAccount.class);
    assertThat(YAML.convertValue(account.getSpec(), MAP))
        .as("maps onto the Java types without losing a field")
        .isEqualTo(YAML.readValue(accountFile.toFile(), MAP).get("spec"));
    assertThat(account.getMetadata().getNamespace()).as("cluster-scoped").isNull();
    assertThat(account.getSpec().getNamespaces()).containsExactly(namespace);
    assertThat(account.getSpec().getRoleArn())
        .matches(ImageBuilderAccountSpec.ROLE_ARN_PATTERN)
        .isEqualTo("arn:aws:iam::210987654321:role/imagebuilder-team-b");

    Path workflowFile = byKind.get("ImageBuilderWorkflow");
    ImageBuilderWorkflow workflow =
        Serialization.unmarshal(Files.readString(workflowFile), ImageBuilderWorkflow.class);
    assertThat(YAML.convertValue(workflow.getSpec(), MAP))
        .isEqualTo(YAML.readValue(workflowFile.toFile(), MAP).get("spec"));
    assertThat(workflow.getMetadata().getNamespace()).isEqualTo(namespace);
    assertIsWorkflowDocument(workflow.getSpec().getData());
  }

  /**
   * What CreateWorkflow and the emulator require of the document: schemaVersion and named steps.
   */
  private static void assertIsWorkflowDocument(String document) throws IOException {
    assertThat(document.length()).isBetween(1, 16000);
    assertThat(YAML.readValue(document, MAP).get("schemaVersion")).hasToString("1.0");
    assertThat(steps(document))
        .isNotEmpty()
        .allSatisfy(step -> assertThat(step).containsKeys("name", "action"));
  }

  private static List<Map<String, Object>> steps(String document) throws IOException {
    Object steps = YAML.readValue(document, MAP).get("steps");
    return YAML.convertValue(steps, new TypeReference<List<Map<String, Object>>>() {});
  }
}
