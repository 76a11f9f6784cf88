package dev.gitops.imagebuilder.emulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.imagebuilder.ImagebuilderClient;
import software.amazon.awssdk.services.imagebuilder.model.CreateWorkflowResponse;
import software.amazon.awssdk.services.imagebuilder.model.Workflow;
import software.amazon.awssdk.services.imagebuilder.model.WorkflowType;

class CreateAndGetWorkflowTest {

  static final ImageBuilderEmulator emu = ImageBuilderEmulator.start(EmulatorOptions.defaults());
  static final ImagebuilderClient client = EmulatorClients.imagebuilder(emu, "eu-west-1", true);

  @AfterAll
  static void stop() {
    client.close();
    emu.close();
  }

  @BeforeEach
  void clean() {
    emu.reset();
  }

  @Test
  void createAnswersTheBuildArnAndTheFourWildcardReferences() {
    CreateWorkflowResponse created =
        client.createWorkflow(
            SampleWorkflows.create("My Build Flow", "1.2.3").clientToken("token-1").build());

    String base = "arn:aws:imagebuilder:eu-west-1:123456789012:workflow/build/my-build-flow/";
    assertThat(created.workflowBuildVersionArn()).isEqualTo(base + "1.2.3/1");
    assertThat(created.clientToken()).isEqualTo("token-1");
    assertThat(created.latestVersionReferences().latestVersionArn()).isEqualTo(base + "x.x.x");
    assertThat(created.latestVersionReferences().latestMajorVersionArn()).isEqualTo(base + "1.x.x");
    assertThat(created.latestVersionReferences().latestMinorVersionArn()).isEqualTo(base + "1.2.x");
    assertThat(created.latestVersionReferences().latestPatchVersionArn()).isEqualTo(base + "1.2.3");
  }

  @Test
  void getReturnsEveryMemberAsStored() {
    String arn =
        client
            .createWorkflow(
                SampleWorkflows.create("flow", "1.0.0")
                    .type(WorkflowType.TEST)
                    .data(SampleWorkflows.DOCUMENT)
                    .description("d")
                    .changeDescription("c")
                    .kmsKeyId("arn:aws:kms:eu-west-1:123456789012:alias/x")
                    .tags(Map.of("team", "a"))
                    .build())
            .workflowBuildVersionArn();

    Workflow w = client.getWorkflow(r -> r.workflowBuildVersionArn(arn)).workflow();

    assertThat(w.arn()).isEqualTo(arn).endsWith(":workflow/test/flow/1.0.0/1");
    assertThat(w.name()).isEqualTo("flow");
    assertThat(w.version()).isEqualTo("1.0.0");
    assertThat(w.type()).isEqualTo(WorkflowType.TEST);
    assertThat(w.description()).isEqualTo("d");
    assertThat(w.changeDescription()).isEqualTo("c");
    assertThat(w.kmsKeyId()).isEqualTo("arn:aws:kms:eu-west-1:123456789012:alias/x");
    assertThat(w.owner()).isEqualTo("123456789012");
    assertThat(w.data()).isEqualTo(SampleWorkflows.DOCUMENT);
    assertThat(w.dateCreated()).matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{3}Z");
    assertThat(w.tags()).containsExactly(Map.entry("team", "a"));
    assertThat(w.state()).isNull();
    assertThat(w.parameters()).hasSize(2);
    assertThat(w.parameters().get(0).name()).isEqualTo("waitForActionAtEnd");
    assertThat(w.parameters().get(0).type()).isEqualTo("boolean");
    assertThat(w.parameters().get(0).defaultValue()).containsExactly("false");
    assertThat(w.parameters().get(0).description()).isEqualTo("pause at the end");
    assertThat(w.parameters().get(1).defaultValue()).containsExactly("us-east-1", "eu-west-1");
  }

  @Test
  void getShowsEmptyTagsAndDeprecation() {
    String arn =
        client
            .createWorkflow(SampleWorkflows.create("flow", "1.0.0").build())
            .workflowBuildVersionArn();
    emu.deprecate(arn);

    Workflow w = client.getWorkflow(r -> r.workflowBuildVersionArn(arn)).workflow();

    assertThat(w.tags()).isEmpty();

    assertThat(w.state().statusAsString()).isEqualTo("DEPRECATED");
    assertThat(w.state().reason()).isNotBlank();
  }

  @Test
  void uriReadsTheRegisteredS3Object() {
    emu.s3().putObject("bucket", "path/flow.yaml", SampleWorkflows.DOCUMENT);

    String arn =
        client
            .createWorkflow(
                SampleWorkflows.create("flow", "1.0.0")
                    .data(null)
                    .uri("s3://bucket/path/flow.yaml")
                    .build())
            .workflowBuildVersionArn();

    Workflow w = client.getWorkflow(r -> r.workflowBuildVersionArn(arn)).workflow();
    assertThat(w.data()).isEqualTo(SampleWorkflows.DOCUMENT);
    assertThat(w.parameters()).hasSize(2);
  }

  @Test
  void regionOfTheSigningScopeIsTheRegionOfTheArns() {
    try (ImagebuilderClient west = EmulatorClients.imagebuilder(emu, "us-west-2", true)) {
      String arn =
          west.createWorkflow(SampleWorkflows.create("flow", "1.0.0").build())
              .workflowBuildVersionArn();

      assertThat(arn).startsWith("arn:aws:imagebuilder:us-west-2:123456789012:");
      assertThatThrownBy(() -> client.getWorkflow(r -> r.workflowBuildVersionArn(arn)))
          .satisfies(e -> Errors.assertError(e, "ResourceNotFoundException", 404));
      assertThatThrownBy(() -> client.deleteWorkflow(r -> r.workflowBuildVersionArn(arn)))
          .satisfies(e -> Errors.assertError(e, "ResourceNotFoundException", 404));
      assertThatThrownBy(() -> client.listTagsForResource(r -> r.resourceArn(arn)))
          .satisfies(e -> Errors.assertError(e, "ResourceNotFoundException", 404));
      assertThat(
              client
                  .listWorkflowBuildVersions(
                      r -> r.workflowVersionArn(arn.replace("/1.0.0/1", "/x.x.x")))
                  .workflowSummaryList())
          .isEmpty();
      assertThat(client.listWorkflows(r -> {}).workflowVersionList()).isEmpty();
      assertThat(west.listWorkflows(r -> {}).workflowVersionList()).hasSize(1);
    }
  }
}
