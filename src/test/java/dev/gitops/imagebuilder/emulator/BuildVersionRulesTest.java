package dev.gitops.imagebuilder.emulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.services.imagebuilder.model.CreateWorkflowRequest;
import software.amazon.awssdk.services.imagebuilder.model.CreateWorkflowResponse;
import software.amazon.awssdk.services.imagebuilder.model.DryRunOperationException;
import software.amazon.awssdk.services.imagebuilder.model.ForbiddenException;
import software.amazon.awssdk.services.imagebuilder.model.IdempotentParameterMismatchException;
import software.amazon.awssdk.services.imagebuilder.model.ResourceInUseException;
import software.amazon.awssdk.services.imagebuilder.model.ServiceQuotaExceededException;
import software.amazon.awssdk.services.imagebuilder.model.WorkflowType;

class BuildVersionRulesTest {

  @RegisterExtension static final EmulatorFixture fx = new EmulatorFixture();

  @Test
  void changedConfigurationMakesTheNextBuild() {
    String first = create(SampleWorkflows.create("flow", "1.0.0")).workflowBuildVersionArn();
    String second =
        create(SampleWorkflows.create("flow", "1.0.0").description("now described"))
            .workflowBuildVersionArn();
    String third =
        create(
                SampleWorkflows.create("flow", "1.0.0")
                    .description("now described")
                    .data(SampleWorkflows.document("two")))
            .workflowBuildVersionArn();

    assertThat(first).endsWith("/flow/1.0.0/1");
    assertThat(second).endsWith("/flow/1.0.0/2");
    assertThat(third).endsWith("/flow/1.0.0/3");
  }

  @Test
  void identicalConfigurationIsResourceInUseNamingTheNewestBuild() {
    create(SampleWorkflows.create("flow", "1.0.0"));
    String newest =
        create(SampleWorkflows.create("flow", "1.0.0").kmsKeyId("alias/k"))
            .workflowBuildVersionArn();

    assertThatThrownBy(
            () ->
                create(
                    SampleWorkflows.create("flow", "1.0.0")
                        .kmsKeyId("alias/k")
                        .tags(Map.of("a", "b"))))
        .isInstanceOf(ResourceInUseException.class)
        .hasMessageContaining(newest)
        .satisfies(e -> Errors.assertError(e, "ResourceInUseException", 400));
    assertThat(fx.emu.builds()).hasSize(2);
  }

  @Test
  void sameNameWithOtherTypeOrVersionIsAnotherWorkflow() {
    create(SampleWorkflows.create("flow", "1.0.0"));

    assertThat(
            create(SampleWorkflows.create("flow", "1.0.0").type(WorkflowType.DISTRIBUTION))
                .workflowBuildVersionArn())
        .endsWith("workflow/distribution/flow/1.0.0/1");
    assertThat(create(SampleWorkflows.create("flow", "1.0.1")).workflowBuildVersionArn())
        .endsWith("/flow/1.0.1/1");
  }

  @Test
  void buildNumbersAreNeverReusedAfterADelete() {
    create(SampleWorkflows.create("flow", "1.0.0"));
    String second =
        create(SampleWorkflows.create("flow", "1.0.0").description("2")).workflowBuildVersionArn();
    fx.client.deleteWorkflow(r -> r.workflowBuildVersionArn(second));

    assertThat(
            create(SampleWorkflows.create("flow", "1.0.0").description("3"))
                .workflowBuildVersionArn())
        .endsWith("/flow/1.0.0/3");
  }

  @Test
  void aNameSpelledDifferentlyButWithTheSameArnIsInUse() {
    create(SampleWorkflows.create("My Flow", "1.0.0"));

    assertThatThrownBy(() -> create(SampleWorkflows.create("my-flow", "1.0.0").description("x")))
        .isInstanceOf(ResourceInUseException.class);
  }

  @Test
  void sameClientTokenAndParametersReplaysTheOriginalResponse() {
    CreateWorkflowRequest request =
        SampleWorkflows.create("flow", "1.0.0").clientToken("tok").build();
    CreateWorkflowResponse first = fx.client.createWorkflow(request);
    CreateWorkflowResponse again = fx.client.createWorkflow(request);

    assertThat(again.workflowBuildVersionArn()).isEqualTo(first.workflowBuildVersionArn());
    assertThat(again.clientToken()).isEqualTo("tok");
    assertThat(again.latestVersionReferences()).isEqualTo(first.latestVersionReferences());
    assertThat(fx.emu.builds()).hasSize(1);
  }

  @Test
  void sameClientTokenWithOtherParametersIsAMismatch() {
    create(SampleWorkflows.create("flow", "1.0.0").clientToken("tok"));

    assertThatThrownBy(
            () ->
                create(
                    SampleWorkflows.create("flow", "1.0.0")
                        .description("other")
                        .clientToken("tok")))
        .isInstanceOf(IdempotentParameterMismatchException.class)
        .satisfies(e -> Errors.assertError(e, "IdempotentParameterMismatchException", 400));
    assertThat(fx.emu.builds()).hasSize(1);
  }

  @Test
  void dryRunValidatesThenAnswersDryRunOperationWithoutCreating() {
    assertThatThrownBy(() -> create(SampleWorkflows.create("flow", "1.0.0").dryRun(true)))
        .isInstanceOf(DryRunOperationException.class)
        .satisfies(e -> Errors.assertError(e, "DryRunOperationException", 412));
    assertThat(fx.emu.builds()).isEmpty();

    assertThatThrownBy(
            () ->
                create(SampleWorkflows.create("flow", "1.0.0").dryRun(true).semanticVersion("1.0")))
        .isNotInstanceOf(DryRunOperationException.class);
  }

  @Test
  void theBuildQuotaIsServiceQuotaExceeded() {
    fx.emu.maxBuildVersions(2);
    create(SampleWorkflows.create("flow", "1.0.0"));
    create(SampleWorkflows.create("flow", "1.0.1"));

    assertThatThrownBy(() -> create(SampleWorkflows.create("flow", "1.0.2")))
        .isInstanceOf(ServiceQuotaExceededException.class)
        .satisfies(e -> Errors.assertError(e, "ServiceQuotaExceededException", 402));
    assertThat(fx.emu.builds()).hasSize(2);
  }

  @Test
  void aDeniedOperationIsForbidden() {
    fx.emu.forbid(Set.of(Operation.CreateWorkflow, Operation.GetWorkflow));

    assertThatThrownBy(() -> create(SampleWorkflows.create("flow", "1.0.0")))
        .isInstanceOf(ForbiddenException.class)
        .satisfies(e -> Errors.assertError(e, "ForbiddenException", 403));
    assertThatThrownBy(
            () -> fx.client.getWorkflow(r -> r.workflowBuildVersionArn(fx.arn("build/flow/x.x.x"))))
        .isInstanceOf(ForbiddenException.class);
    assertThat(fx.client.listWorkflows(r -> {}).workflowVersionList()).isEmpty();
  }

  private static CreateWorkflowResponse create(CreateWorkflowRequest.Builder request) {
    return fx.client.createWorkflow(request.build());
  }
}
