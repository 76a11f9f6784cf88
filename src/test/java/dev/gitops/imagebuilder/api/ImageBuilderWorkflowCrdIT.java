package dev.gitops.imagebuilder.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.type.TypeReference;
import dev.gitops.imagebuilder.testing.KubeApiServerExtension;
import dev.gitops.imagebuilder.testing.Kubectl;
import io.fabric8.kubernetes.api.model.ConditionBuilder;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.dsl.FieldValidateable.Validation;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The committed CRD installs, every example applies, and kubectl shows the resource as documented.
 */
class ImageBuilderWorkflowCrdIT {
  @RegisterExtension static final KubeApiServerExtension kube = new KubeApiServerExtension();

  private static Kubectl kubectl;

  @BeforeAll
  static void installCrd() {
    kube.installCrd(CrdFiles.COMMITTED);
    kubectl = new Kubectl(kube.kubectl(), kube.kubeconfig());
  }

  static List<Path> resources() {
    return Examples.resources();
  }

  static List<Path> kustomizations() {
    return Examples.kustomizations();
  }

  @ParameterizedTest
  @MethodSource("resources")
  void exampleAppliesThroughTheTypedClient(Path file) throws IOException {
    ImageBuilderWorkflow example =
        Serialization.unmarshal(Files.readString(file), ImageBuilderWorkflow.class);

    ImageBuilderWorkflow created =
        kube.client()
            .resources(ImageBuilderWorkflow.class)
            .inNamespace(kube.namespace())
            .resource(example)
            .fieldValidation(Validation.STRICT)
            .create();

    assertThat(asMap(created.getSpec())).isEqualTo(asMap(example.getSpec()));
  }

  @ParameterizedTest
  @MethodSource("kustomizations")
  void kustomizationAppliesThroughTheClient(Path dir) {
    Kubectl.Result built = kubectl.run("kustomize", dir.toString());
    assertThat(built.exitCode()).as(built.output()).isZero();

    List<HasMetadata> created =
        kube.client()
            .load(new ByteArrayInputStream(built.stdout().getBytes(StandardCharsets.UTF_8)))
            .inNamespace(kube.namespace())
            .fieldValidation(Validation.STRICT)
            .create();

    assertThat(created)
        .extracting(HasMetadata::getKind)
        .contains("ConfigMap", "ImageBuilderWorkflow");
    String configMap =
        created.stream()
            .filter(r -> r.getKind().equals("ConfigMap"))
            .findFirst()
            .orElseThrow()
            .getMetadata()
            .getName();
    assertThat(built.stdout())
        .as("the workflow refers to the generated, hashed ConfigMap name")
        .contains("name: " + configMap + "\n");
  }

  @ParameterizedTest
  @MethodSource("resources")
  void exampleAppliesWithKubectlServerDryRun(Path file) {
    Kubectl.Result applied =
        kubectl.run("apply", "--dry-run=server", "-n", kube.namespace(), "-f", file.toString());

    assertThat(applied.exitCode()).as(applied.output()).isZero();
    assertThat(applied.output())
        .contains("imagebuilderworkflow.imagebuilder.gitops.dev/", "(server dry run)");
  }

  @ParameterizedTest
  @MethodSource("kustomizations")
  void kustomizationAppliesWithKubectlServerDryRun(Path dir) {
    Kubectl.Result applied =
        kubectl.run("apply", "--dry-run=server", "-n", kube.namespace(), "-k", dir.toString());

    assertThat(applied.exitCode()).as(applied.output()).isZero();
    assertThat(applied.output())
        .contains(
            "configmap/", "imagebuilderworkflow.imagebuilder.gitops.dev/", "(server dry run)");
  }

  @Test
  void kubectlGetShowsVersionTypeReadinessPlanAndTheAccountAndArnInWideOutput() throws IOException {
    String arn = "arn:aws:imagebuilder:us-east-1:123456789012:workflow/build/columns/1.0.0/1";
    ImageBuilderWorkflow workflow =
        Serialization.unmarshal(
            Files.readString(Examples.DIR.resolve("minimal.yaml")), ImageBuilderWorkflow.class);
    workflow.getMetadata().setName("columns");
    var workflows =
        kube.client().resources(ImageBuilderWorkflow.class).inNamespace(kube.namespace());
    ImageBuilderWorkflow created = workflows.resource(workflow).create();
    ImageBuilderWorkflowStatus status = new ImageBuilderWorkflowStatus();
    status.setWorkflowBuildVersionArn(arn);
    status.setAccountId("123456789012");
    PlanStatus plan = new PlanStatus();
    plan.setAction("Create");
    status.setPlan(plan);
    status
        .getConditions()
        .add(
            new ConditionBuilder()
                .withType("Ready")
                .withStatus("True")
                .withReason("Synced")
                .withMessage("up to date")
                .withLastTransitionTime("2026-11-25T12:00:00Z")
                .build());
    created.setStatus(status);
    workflows.resource(created).updateStatus();

    Kubectl.Result table = kubectl.run("get", "ibw", "columns", "-n", kube.namespace());
    Kubectl.Result wide =
        kubectl.run("get", "ibw", "columns", "-n", kube.namespace(), "-o", "wide");
    Kubectl.Result category = kubectl.run("get", "imagebuilder", "-n", kube.namespace());

    assertThat(table.stdout().lines().toList())
        .as(table.output())
        .satisfiesExactly(
            header ->
                assertThat(header.split("\\s{2,}"))
                    .containsExactly("NAME", "VERSION", "TYPE", "READY", "REASON", "PLAN", "AGE"),
            row ->
                assertThat(row)
                    .startsWith("columns")
                    .contains("1.0.0", "BUILD", "True", "Synced", "Create"));
    assertThat(wide.stdout().lines().toList())
        .as(wide.output())
        .satisfiesExactly(
            header ->
                assertThat(header.split("\\s{2,}"))
                    .containsExactly(
                        "NAME",
                        "VERSION",
                        "TYPE",
                        "ACCOUNT",
                        "READY",
                        "REASON",
                        "PLAN",
                        "BUILD ARN",
                        "AGE"),
            row -> assertThat(row).contains("123456789012   True", arn));
    assertThat(category.output()).as(category.output()).contains("VERSION", "columns");
  }

  @Test
  void kubectlExplainShowsTheFieldDescription() {
    // the server publishes a new CRD's OpenAPI a moment after it is Established
    Kubectl.Result explained =
        Awaitility.await()
            .atMost(Duration.ofSeconds(60))
            .pollInterval(Duration.ofSeconds(1))
            .until(
                () -> kubectl.run("explain", "imagebuilderworkflow.spec.semanticVersion"),
                r -> r.exitCode() == 0);

    assertThat(explained.output())
        .contains(
            "FIELD: semanticVersion <string>", "Semantic version major.minor.patch", "1073741823");
  }

  private static Map<String, Object> asMap(ImageBuilderWorkflowSpec spec) {
    return Serialization.jsonMapper()
        .convertValue(spec, new TypeReference<Map<String, Object>>() {});
  }
}
