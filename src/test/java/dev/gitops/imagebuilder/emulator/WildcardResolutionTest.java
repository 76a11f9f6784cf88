package dev.gitops.imagebuilder.emulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import software.amazon.awssdk.services.imagebuilder.model.GetWorkflowResponse;
import software.amazon.awssdk.services.imagebuilder.model.InvalidRequestException;

class WildcardResolutionTest {

  @RegisterExtension static final EmulatorFixture fx = new EmulatorFixture();

  @BeforeEach
  void createVersions() {
    for (String version : new String[] {"1.0.0", "1.2.0", "1.10.0", "2.0.0"}) {
      fx.client.createWorkflow(SampleWorkflows.create("flow", version).build());
    }
    fx.client.createWorkflow(
        SampleWorkflows.create("flow", "1.2.0").description("second build").build());
  }

  @ParameterizedTest
  @CsvSource({
    "x.x.x, 2.0.0/1",
    "1.x.x, 1.10.0/1",
    "1.2.x, 1.2.0/2",
    "1.2.0, 1.2.0/2",
    "1.0.0, 1.0.0/1",
    "1.2.0/1, 1.2.0/1",
    "2.x.x, 2.0.0/1"
  })
  void getResolvesToTheNewestMatchingBuildInNumericOrder(String asked, String resolved) {
    GetWorkflowResponse got =
        fx.client.getWorkflow(r -> r.workflowBuildVersionArn(fx.arn("build/flow/" + asked)));

    assertThat(got.workflow().arn()).isEqualTo(fx.arn("build/flow/" + resolved));
    assertThat(got.latestVersionReferences().latestPatchVersionArn())
        .isEqualTo(fx.arn("build/flow/" + resolved.substring(0, resolved.indexOf('/'))));
  }

  @ParameterizedTest
  @CsvSource({"x.x.x, 5", "1.x.x, 4", "1.2.x, 2", "1.2.0, 2", "3.x.x, 0"})
  void listBuildVersionsTakesWildcards(String asked, int builds) {
    assertThat(
            fx.client
                .listWorkflowBuildVersions(r -> r.workflowVersionArn(fx.arn("build/flow/" + asked)))
                .workflowSummaryList())
        .hasSize(builds);
  }

  @ParameterizedTest
  @ValueSource(strings = {"3.x.x", "1.3.x", "1.2.1", "1.2.0/3"})
  void noMatchIsResourceNotFound(String asked) {
    assertThatThrownBy(
            () ->
                fx.client.getWorkflow(
                    r -> r.workflowBuildVersionArn(fx.arn("build/flow/" + asked))))
        .satisfies(e -> Errors.assertError(e, "ResourceNotFoundException", 404));
  }

  @ParameterizedTest
  @ValueSource(strings = {"x.2.x", "1.x.8", "x.x.0"})
  void wildcardsMustRunFromTheRight(String asked) {
    assertThatThrownBy(
            () ->
                fx.client.getWorkflow(
                    r -> r.workflowBuildVersionArn(fx.arn("build/flow/" + asked))))
        .isInstanceOf(InvalidRequestException.class);
    assertThatThrownBy(
            () ->
                fx.client.listWorkflowBuildVersions(
                    r -> r.workflowVersionArn(fx.arn("build/flow/" + asked))))
        .isInstanceOf(InvalidRequestException.class);
  }
}
