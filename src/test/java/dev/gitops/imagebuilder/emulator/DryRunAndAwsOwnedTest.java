package dev.gitops.imagebuilder.emulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.services.imagebuilder.model.CreateWorkflowRequest;
import software.amazon.awssdk.services.imagebuilder.model.DryRunOperationException;
import software.amazon.awssdk.services.imagebuilder.model.ForbiddenException;
import software.amazon.awssdk.services.imagebuilder.model.IdempotentParameterMismatchException;
import software.amazon.awssdk.services.imagebuilder.model.Ownership;
import software.amazon.awssdk.services.imagebuilder.model.ResourceInUseException;
import software.amazon.awssdk.services.imagebuilder.model.ServiceQuotaExceededException;
import software.amazon.awssdk.services.imagebuilder.model.WorkflowSummary;
import software.amazon.awssdk.services.imagebuilder.model.WorkflowVersion;

/**
 * CreateWorkflow's dryRun judges a request by every rule a create applies and changes nothing; the
 * workflows AWS publishes are readable by every account and changeable by none.
 */
class DryRunAndAwsOwnedTest {

  @RegisterExtension static final EmulatorFixture fx = new EmulatorFixture();

  private static final String AWS_BUILD_IMAGE =
      "arn:aws:imagebuilder:us-east-1:aws:workflow/build/build-image/";

  @Test
  void aDryRunAppliesTheStateRulesButCreatesNothing() {
    fx.client.createWorkflow(SampleWorkflows.create("flow", "1.0.0").clientToken("t1").build());

    assertThatThrownBy(() -> dryRun(SampleWorkflows.create("flow", "1.0.0")))
        .isInstanceOf(ResourceInUseException.class)
        .hasMessageContaining("flow/1.0.0/1");
    assertThatThrownBy(
            () ->
                dryRun(SampleWorkflows.create("flow", "1.0.0").description("x").clientToken("t1")))
        .isInstanceOf(IdempotentParameterMismatchException.class);
    fx.emu.maxBuildVersions(1);
    assertThatThrownBy(() -> dryRun(SampleWorkflows.create("flow", "1.0.1")))
        .isInstanceOf(ServiceQuotaExceededException.class);
    fx.emu.maxBuildVersions(10);
    assertThatThrownBy(() -> dryRun(SampleWorkflows.create("Flow", "1.0.1")))
        .isInstanceOf(ResourceInUseException.class)
        .hasMessageContaining("maps to the same ARN");
    assertThat(fx.emu.builds()).hasSize(1);
  }

  @Test
  void aDryRunLeavesNoIdempotencyRecordAndNoBuildNumberBehind() {
    assertThatThrownBy(
            () -> dryRun(SampleWorkflows.create("flow", "1.0.0").description("a").clientToken("t")))
        .isInstanceOf(DryRunOperationException.class);
    // the same token with other parameters is a fresh request: the dry run was never recorded
    String arn =
        fx.client
            .createWorkflow(
                SampleWorkflows.create("flow", "1.0.0").description("b").clientToken("t").build())
            .workflowBuildVersionArn();

    assertThat(arn).endsWith("/flow/1.0.0/1");
    assertThat(fx.emu.counters().get("CreateWorkflow", "DryRunOperationException")).isEqualTo(1);
  }

  @Test
  void awsOwnedWorkflowsResolveByWildcardAndListUnderOwnerAmazon() {
    assertThat(
            fx.client
                .getWorkflow(r -> r.workflowBuildVersionArn(AWS_BUILD_IMAGE + "x.x.x"))
                .workflow())
        .satisfies(
            w -> {
              assertThat(w.arn()).isEqualTo(AWS_BUILD_IMAGE + "1.0.1/1");
              assertThat(w.owner()).isEqualTo("Amazon");
              assertThat(w.data()).contains("steps:");
            });
    assertThat(
            fx.client.listWorkflows(r -> r.owner(Ownership.AMAZON)).workflowVersionList().stream()
                .map(WorkflowVersion::arn))
        .contains(AWS_BUILD_IMAGE + "1.0.0", AWS_BUILD_IMAGE + "1.0.1");
    assertThat(fx.client.listWorkflows(r -> {}).workflowVersionList()).isEmpty();
    List<WorkflowSummary> builds =
        fx.client
            .listWorkflowBuildVersions(r -> r.workflowVersionArn(AWS_BUILD_IMAGE + "1.0.0"))
            .workflowSummaryList();
    assertThat(builds)
        .extracting(WorkflowSummary::arn)
        .containsExactly(AWS_BUILD_IMAGE + "1.0.0/1");
  }

  @Test
  void noAccountCanChangeAnAwsOwnedWorkflow() {
    String arn = AWS_BUILD_IMAGE + "1.0.0/1";
    assertThatThrownBy(() -> fx.client.deleteWorkflow(r -> r.workflowBuildVersionArn(arn)))
        .isInstanceOf(ForbiddenException.class)
        .satisfies(e -> Errors.assertError(e, "ForbiddenException", 403));
    assertThatThrownBy(
            () -> fx.client.tagResource(r -> r.resourceArn(arn).tags(Map.of("team", "a"))))
        .satisfies(e -> Errors.assertError(e, "ForbiddenException", 403));
    assertThatThrownBy(() -> fx.client.untagResource(r -> r.resourceArn(arn).tagKeys("team")))
        .satisfies(e -> Errors.assertError(e, "ForbiddenException", 403));
    assertThat(fx.client.listTagsForResource(r -> r.resourceArn(arn)).tags()).isEmpty();
    assertThat(fx.client.getWorkflow(r -> r.workflowBuildVersionArn(arn)).workflow().arn())
        .isEqualTo(arn);
  }

  private static void dryRun(CreateWorkflowRequest.Builder request) {
    fx.noRetries.createWorkflow(request.dryRun(true).build());
  }
}
