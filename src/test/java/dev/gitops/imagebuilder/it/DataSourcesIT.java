package dev.gitops.imagebuilder.it;

import static dev.gitops.imagebuilder.it.Workflows.document;
import static dev.gitops.imagebuilder.it.Workflows.workflow;
import static org.assertj.core.api.Assertions.assertThat;

import dev.gitops.imagebuilder.api.ImageBuilderWorkflow;
import dev.gitops.imagebuilder.emulator.ImageBuilderEmulator;
import dev.gitops.imagebuilder.testing.KubeApiServerExtension;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Issue 5, promise 9: inline data, S3 uri, ConfigMap (watched), and documents refused without AWS
 * calls.
 */
class DataSourcesIT {
  @RegisterExtension
  @Order(1)
  static final KubeApiServerExtension kube = new KubeApiServerExtension();

  @RegisterExtension
  @Order(2)
  static final OperatorExtension aws = new OperatorExtension(kube);

  final ImageBuilderEmulator emu = aws.emu();
  final Workflows workflows = aws.workflows();

  @Test
  void aConfigMapIsWatchedFromMissingToCreatedToEdited() {
    long creates = emu.counters().total("CreateWorkflow");
    ImageBuilderWorkflow resource = workflow("from-map", "map-flow", "1.0.0", null);
    resource.getSpec().setDataFrom(Workflows.fromConfigMap("flows", "build.yaml"));
    workflows.create(resource);

    ImageBuilderWorkflow missing = workflows.awaitReady("from-map", "False", "ConfigMapNotFound");
    assertThat(Workflows.condition(missing, "Stalled").orElseThrow().getStatus()).isEqualTo("True");
    assertThat(Workflows.builds(emu, "map-flow")).isEmpty();
    assertThat(emu.counters().total("CreateWorkflow")).isEqualTo(creates);

    kube.client()
        .configMaps()
        .inNamespace(kube.namespace())
        .resource(
            new ConfigMapBuilder()
                .withNewMetadata()
                .withName("flows")
                .addToLabels("imagebuilder.gitops.dev/document", "true")
                .endMetadata()
                .addToData("build.yaml", document("from a ConfigMap"))
                .build())
        .create();
    workflows.awaitReady("from-map", "True", "Created");

    kube.client()
        .configMaps()
        .inNamespace(kube.namespace())
        .withName("flows")
        .edit(cm -> new ConfigMapBuilder(cm).addToData("build.yaml", document("edited")).build());
    ImageBuilderWorkflow edited = workflows.awaitReady("from-map", "True", "NewBuild");
    assertThat(edited.getStatus().getWorkflowBuildVersionArn()).endsWith("/map-flow/1.0.0/2");
  }

  @Test
  void anS3UriIsPassedThrough() {
    emu.s3().putObject("workflows", "build.yaml", document("from S3"));
    ImageBuilderWorkflow resource = workflow("from-s3", "s3-flow", "1.0.0", null);
    resource.getSpec().setUri("s3://workflows/build.yaml");
    workflows.create(resource);

    workflows.awaitReady("from-s3", "True", "Created");
    assertThat(Workflows.builds(emu, "s3-flow"))
        .singleElement()
        .satisfies(b -> assertThat(b.data()).contains("from S3"));
  }

  @Test
  void brokenYamlIsInvalidSpecWithoutAnAwsCall() {
    long calls =
        emu.counters().total("CreateWorkflow")
            + emu.counters().total("ListWorkflowBuildVersions")
            + emu.counters().total("ListWorkflows");
    workflows.create(
        workflow("broken", "broken-flow", "1.0.0", "schemaVersion: 1.0\nsteps: [unclosed\n"));
    workflows.create(workflow("no-steps", "no-steps-flow", "1.0.0", "schemaVersion: 1.0\n"));

    ImageBuilderWorkflow broken = workflows.awaitReady("broken", "False", "InvalidSpec");
    assertThat(Workflows.condition(broken, "Ready").orElseThrow().getMessage())
        .contains("not valid YAML");
    ImageBuilderWorkflow noSteps = workflows.awaitReady("no-steps", "False", "InvalidSpec");
    assertThat(Workflows.condition(noSteps, "Ready").orElseThrow().getMessage())
        .contains("lacks steps");
    assertThat(
            emu.counters().total("CreateWorkflow")
                + emu.counters().total("ListWorkflowBuildVersions")
                + emu.counters().total("ListWorkflows"))
        .isEqualTo(calls);
  }
}
