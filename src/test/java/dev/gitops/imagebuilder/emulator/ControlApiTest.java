package dev.gitops.imagebuilder.emulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.services.imagebuilder.model.CallRateLimitExceededException;
import software.amazon.awssdk.services.imagebuilder.model.ForbiddenException;
import software.amazon.awssdk.services.imagebuilder.model.InvalidPaginationTokenException;
import software.amazon.awssdk.services.imagebuilder.model.ResourceDependencyException;
import software.amazon.awssdk.services.imagebuilder.model.ServiceException;
import software.amazon.awssdk.services.imagebuilder.model.ServiceQuotaExceededException;
import software.amazon.awssdk.services.imagebuilder.model.ServiceUnavailableException;

/** The HTTP control API scripts use, checked through its effect on real SDK calls. */
class ControlApiTest {

  @RegisterExtension static final EmulatorFixture fx = new EmulatorFixture();

  private static final HttpClient HTTP = HttpClient.newHttpClient();

  @Test
  void registersS3ObjectsAndListsBuilds() throws Exception {
    assertThat(control("PUT", "s3/bucket/dir/flow.yaml", SampleWorkflows.DOCUMENT).statusCode())
        .isEqualTo(204);

    String arn =
        fx.client
            .createWorkflow(
                SampleWorkflows.create("flow", "1.0.0")
                    .data(null)
                    .uri("s3://bucket/dir/flow.yaml")
                    .build())
            .workflowBuildVersionArn();

    JsonNode builds = WorkflowJson.MAPPER.readTree(control("GET", "builds", "").body());
    assertThat(builds).hasSize(1);
    assertThat(builds.get(0).path("arn").asText()).isEqualTo(arn);
  }

  @Test
  void marksInUseDeprecatesAndDeletesOutOfBand() throws Exception {
    String arn =
        fx.client
            .createWorkflow(SampleWorkflows.create("flow", "1.0.0").build())
            .workflowBuildVersionArn();

    control("POST", "in-use", "{\"arn\":\"" + arn + "\",\"inUse\":true}");
    assertThatThrownBy(() -> fx.client.deleteWorkflow(r -> r.workflowBuildVersionArn(arn)))
        .isInstanceOf(ResourceDependencyException.class);

    control("POST", "deprecate", "{\"arn\":\"" + arn + "\"}");
    assertThat(
            fx.client
                .getWorkflow(r -> r.workflowBuildVersionArn(arn))
                .workflow()
                .state()
                .statusAsString())
        .isEqualTo("DEPRECATED");

    control("POST", "delete", "{\"arn\":\"" + arn + "\"}");
    assertThat(fx.emu.builds()).isEmpty();
  }

  @Test
  void injectsFaultsAndReportsCounters() throws Exception {
    control(
        "POST",
        "faults",
        "{\"failNext\":{\"operation\":\"ListWorkflows\",\"count\":1,\"error\":\"SERVICE_EXCEPTION\"}}");
    assertThatThrownBy(() -> fx.noRetries.listWorkflows(r -> {}))
        .isInstanceOf(ServiceException.class);

    control(
        "POST",
        "faults",
        "{\"commitThenFail\":{\"operation\":\"CreateWorkflow\",\"count\":1,\"failure\":\"SERVER_ERROR\"}}");
    control("DELETE", "faults", "");
    fx.noRetries.createWorkflow(SampleWorkflows.create("flow", "1.0.0").build());

    JsonNode counters = WorkflowJson.MAPPER.readTree(control("GET", "counters", "").body());
    assertThat(counters.path("ListWorkflows").path("ServiceException").asLong()).isEqualTo(1);
    assertThat(counters.path("CreateWorkflow").path("ok").asLong()).isEqualTo(1);
  }

  @Test
  void injectsEachOtherFaultKind() throws Exception {
    control(
        "POST",
        "faults",
        "{\"rateLimit\":{\"operation\":\"ListWorkflows\",\"perSecond\":0.001,\"burst\":1}}");
    fx.noRetries.listWorkflows(r -> {});
    assertThatThrownBy(() -> fx.noRetries.listWorkflows(r -> {}))
        .isInstanceOf(CallRateLimitExceededException.class);

    control(
        "POST",
        "faults",
        "{\"failRate\":{\"operation\":\"ListWorkflowBuildVersions\",\"rate\":1.0,"
            + "\"error\":\"SERVICE_UNAVAILABLE\"}}");
    assertThatThrownBy(
            () ->
                fx.noRetries.listWorkflowBuildVersions(
                    r -> r.workflowVersionArn(fx.arn("build/a/x.x.x"))))
        .isInstanceOf(ServiceUnavailableException.class);

    control(
        "POST",
        "faults",
        "{\"commitThenFail\":{\"operation\":\"CreateWorkflow\",\"count\":1,"
            + "\"failure\":\"DROP_CONNECTION\"}}");
    assertThatThrownBy(
            () -> fx.noRetries.createWorkflow(SampleWorkflows.create("flow", "1.0.0").build()))
        .isInstanceOf(SdkClientException.class);
    assertThat(fx.emu.builds()).hasSize(1);

    control("POST", "faults", "{\"latencyMs\":[300,300]}");
    long start = System.nanoTime();
    fx.noRetries.getWorkflow(r -> r.workflowBuildVersionArn(fx.arn("build/flow/1.0.0/1")));
    assertThat(Duration.ofNanos(System.nanoTime() - start))
        .as("the injected delay")
        .isGreaterThanOrEqualTo(Duration.ofMillis(300));
  }

  @Test
  void injectsErrorsPickedFromAListAndCommitFailuresByRate() throws Exception {
    control(
        "POST",
        "faults",
        "{\"failRate\":{\"operation\":\"ListWorkflows\",\"rate\":1.0,"
            + "\"errors\":[\"CALL_RATE_LIMIT_EXCEEDED\",\"SERVICE_UNAVAILABLE\"]}}");
    for (int i = 0; i < 40; i++) {
      assertThatThrownBy(() -> fx.noRetries.listWorkflows(r -> {}))
          .isInstanceOfAny(CallRateLimitExceededException.class, ServiceUnavailableException.class);
    }
    JsonNode listed =
        WorkflowJson.MAPPER.readTree(control("GET", "counters", "").body()).path("ListWorkflows");
    assertThat(listed.path("CallRateLimitExceededException").asLong()).as("429s").isPositive();
    assertThat(listed.path("ServiceUnavailableException").asLong()).as("503s").isPositive();

    control(
        "POST",
        "faults",
        "{\"commitThenFail\":{\"operation\":\"CreateWorkflow\",\"rate\":1.0,"
            + "\"failures\":[\"SERVER_ERROR\"]}}");
    assertThatThrownBy(
            () -> fx.noRetries.createWorkflow(SampleWorkflows.create("flow", "1.0.0").build()))
        .isInstanceOf(ServiceException.class);
    assertThat(fx.emu.builds()).as("committed before the answer was lost").hasSize(1);

    assertThat(
            control(
                    "POST",
                    "faults",
                    "{\"failRate\":{\"operation\":\"ListWorkflows\",\"rate\":1.0,\"errors\":[]}}")
                .statusCode())
        .isEqualTo(400);
  }

  @Test
  void anUnreachableEndpointRefusesConnectionsThenServesTheSameStateOnTheSamePort()
      throws Exception {
    String arn =
        fx.client
            .createWorkflow(SampleWorkflows.create("flow", "1.0.0").build())
            .workflowBuildVersionArn();

    assertThat(control("POST", "unreachable", "{\"seconds\":2}").statusCode()).isEqualTo(204);
    assertThatThrownBy(() -> fx.noRetries.getWorkflow(r -> r.workflowBuildVersionArn(arn)))
        .isInstanceOf(SdkClientException.class)
        .hasRootCauseInstanceOf(java.net.ConnectException.class);

    Thread.sleep(2500);
    assertThat(fx.noRetries.getWorkflow(r -> r.workflowBuildVersionArn(arn)).workflow().arn())
        .isEqualTo(arn);
  }

  @Test
  void setsForbiddenOperationsQuotaAndResets() throws Exception {
    control("PUT", "forbidden", "[\"ListWorkflows\"]");
    assertThatThrownBy(() -> fx.client.listWorkflows(r -> {}))
        .isInstanceOf(ForbiddenException.class);

    control("PUT", "quota", "{\"maxBuildVersions\":0}");
    assertThatThrownBy(
            () -> fx.client.createWorkflow(SampleWorkflows.create("flow", "1.0.0").build()))
        .isInstanceOf(ServiceQuotaExceededException.class);

    control("POST", "reset", "");
    fx.client.listWorkflows(r -> {});
    fx.client.createWorkflow(SampleWorkflows.create("flow", "1.0.0").build());
    assertThat(fx.emu.builds()).hasSize(1);
  }

  @Test
  void expiredPageTokensAreRefusedAndAFreshListingWorks() throws Exception {
    for (int i = 0; i < 3; i++) {
      fx.client.createWorkflow(SampleWorkflows.create("flow-" + i, "1.0.0").build());
    }
    String token = fx.client.listWorkflows(r -> r.maxResults(1)).nextToken();
    assertThat(token).isNotNull();

    assertThat(control("POST", "expire-page-tokens", "").statusCode()).isEqualTo(204);

    assertThatThrownBy(() -> fx.client.listWorkflows(r -> r.maxResults(1).nextToken(token)))
        .isInstanceOf(InvalidPaginationTokenException.class);
    assertThat(fx.client.listWorkflows(r -> r.maxResults(1)).workflowVersionList()).hasSize(1);
  }

  @Test
  void anUnknownControlRouteIsABadRequest() throws Exception {
    assertThat(control("POST", "nothing", "").statusCode()).isEqualTo(400);
  }

  private static HttpResponse<String> control(String method, String path, String body)
      throws Exception {
    return HTTP.send(
        HttpRequest.newBuilder(
                fx.emu.endpoint().resolve(ImageBuilderEmulator.CONTROL_PREFIX + path))
            .method(
                method,
                body.isEmpty()
                    ? HttpRequest.BodyPublishers.noBody()
                    : HttpRequest.BodyPublishers.ofString(body))
            .build(),
        HttpResponse.BodyHandlers.ofString());
  }
}
