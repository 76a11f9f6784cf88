package dev.gitops.imagebuilder.emulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.services.imagebuilder.model.CallRateLimitExceededException;
import software.amazon.awssdk.services.imagebuilder.model.CreateWorkflowRequest;
import software.amazon.awssdk.services.imagebuilder.model.ServiceException;
import software.amazon.awssdk.services.imagebuilder.model.ServiceUnavailableException;

/** Each fault kind as the SDK sees it (retries off unless the test is about them). */
class FaultInjectionTest {

  @RegisterExtension static final EmulatorFixture fx = new EmulatorFixture();

  @Test
  void latencyDelaysEveryCall() {
    fx.emu.faults().latency(Duration.ofMillis(300));
    long start = System.nanoTime();

    fx.noRetries.listWorkflows(r -> {});

    assertThat(Duration.ofNanos(System.nanoTime() - start))
        .isGreaterThanOrEqualTo(Duration.ofMillis(300));
  }

  @Test
  void theRateLimitAnswersCallRateLimitExceeded() {
    fx.emu.faults().rateLimit(Operation.ListWorkflows, 0.001, 2);

    fx.noRetries.listWorkflows(r -> {});
    fx.noRetries.listWorkflows(r -> {});
    assertThatThrownBy(() -> fx.noRetries.listWorkflows(r -> {}))
        .isInstanceOf(CallRateLimitExceededException.class)
        .satisfies(e -> Errors.assertError(e, "CallRateLimitExceededException", 429));
    fx.noRetries.listTagsForResource(r -> r.resourceArn(created()));

    assertThat(fx.emu.counters().get("ListWorkflows", Counters.OK)).isEqualTo(2);
    assertThat(fx.emu.counters().get("ListWorkflows", "CallRateLimitExceededException"))
        .isEqualTo(1);
  }

  @Test
  void injectedServiceExceptionForTheNextCalls() {
    fx.emu.faults().failNext(Operation.GetWorkflow, 1, Faults.ServerError.SERVICE_EXCEPTION);
    String arn = created();

    assertThatThrownBy(() -> fx.noRetries.getWorkflow(r -> r.workflowBuildVersionArn(arn)))
        .isInstanceOf(ServiceException.class)
        .satisfies(e -> Errors.assertError(e, "ServiceException", 500));
    assertThat(fx.noRetries.getWorkflow(r -> r.workflowBuildVersionArn(arn)).workflow().arn())
        .isEqualTo(arn);
  }

  @Test
  void injectedServiceUnavailableIsRetriedByTheSdkWhenRetriesAreOn() {
    fx.emu.faults().failNext(Operation.ListWorkflows, 2, Faults.ServerError.SERVICE_UNAVAILABLE);

    assertThatThrownBy(() -> fx.noRetries.listWorkflows(r -> {}))
        .isInstanceOf(ServiceUnavailableException.class)
        .satisfies(e -> Errors.assertError(e, "ServiceUnavailableException", 503));
    fx.client.listWorkflows(r -> {});

    assertThat(fx.emu.counters().get("ListWorkflows", "ServiceUnavailableException")).isEqualTo(2);
    assertThat(fx.emu.counters().get("ListWorkflows", Counters.OK)).isEqualTo(1);
  }

  @Test
  void anErrorRateOfOneFailsEveryCall() {
    fx.emu
        .faults()
        .failRate(Operation.ListWorkflowBuildVersions, 1.0, Faults.ServerError.SERVICE_EXCEPTION);

    for (int i = 0; i < 3; i++) {
      assertThatThrownBy(
              () ->
                  fx.noRetries.listWorkflowBuildVersions(
                      r -> r.workflowVersionArn(fx.arn("build/a/x.x.x"))))
          .isInstanceOf(ServiceException.class);
    }
    fx.emu.faults().reset();
    assertThat(
            fx.noRetries
                .listWorkflowBuildVersions(r -> r.workflowVersionArn(fx.arn("build/a/x.x.x")))
                .workflowSummaryList())
        .isEmpty();
  }

  @Test
  void commitThenServerErrorKeepsTheBuildAndARetryWithTheSameTokenAdoptsIt() {
    fx.emu.faults().commitThenFail(Operation.CreateWorkflow, 1, Faults.CommitFailure.SERVER_ERROR);
    CreateWorkflowRequest request =
        SampleWorkflows.create("flow", "1.0.0").clientToken("crash-1").build();

    assertThatThrownBy(() -> fx.noRetries.createWorkflow(request))
        .isInstanceOf(ServiceException.class)
        .satisfies(e -> Errors.assertError(e, "ServiceException", 500));
    assertThat(fx.emu.builds()).hasSize(1);

    assertThat(fx.noRetries.createWorkflow(request).workflowBuildVersionArn())
        .isEqualTo(fx.emu.builds().get(0).arn());
    assertThat(fx.emu.builds()).hasSize(1);
  }

  @Test
  void commitThenDroppedConnectionIsAClientSideIoFailure() {
    fx.emu
        .faults()
        .commitThenFail(Operation.CreateWorkflow, 1, Faults.CommitFailure.DROP_CONNECTION);
    CreateWorkflowRequest request =
        SampleWorkflows.create("flow", "1.0.0").clientToken("crash-2").build();

    assertThatThrownBy(() -> fx.noRetries.createWorkflow(request))
        .isInstanceOf(SdkClientException.class)
        .hasMessageContaining("Unable to execute HTTP request");
    assertThat(fx.emu.builds()).hasSize(1);
    assertThat(fx.emu.counters().get("CreateWorkflow", ApiHttpHandler.DROPPED)).isEqualTo(1);

    assertThat(fx.noRetries.createWorkflow(request).workflowBuildVersionArn())
        .isEqualTo(fx.emu.builds().get(0).arn());
  }

  private static String created() {
    return fx.client
        .createWorkflow(SampleWorkflows.create("flow", "1.0.0").build())
        .workflowBuildVersionArn();
  }
}
