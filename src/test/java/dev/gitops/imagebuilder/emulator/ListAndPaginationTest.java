package dev.gitops.imagebuilder.emulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.services.imagebuilder.model.Filter;
import software.amazon.awssdk.services.imagebuilder.model.InvalidPaginationTokenException;
import software.amazon.awssdk.services.imagebuilder.model.InvalidRequestException;
import software.amazon.awssdk.services.imagebuilder.model.ListWorkflowsResponse;
import software.amazon.awssdk.services.imagebuilder.model.Ownership;
import software.amazon.awssdk.services.imagebuilder.model.WorkflowSummary;
import software.amazon.awssdk.services.imagebuilder.model.WorkflowType;
import software.amazon.awssdk.services.imagebuilder.model.WorkflowVersion;

class ListAndPaginationTest {

  @RegisterExtension static final EmulatorFixture fx = new EmulatorFixture();

  @Test
  void listWorkflowsPagesThroughMoreThan25VersionsWithTheSdkPaginator() {
    for (int patch = 0; patch < 30; patch++) {
      fx.client.createWorkflow(SampleWorkflows.create("flow", "1.0." + patch).build());
    }

    List<WorkflowVersion> all = new ArrayList<>();
    fx.client
        .listWorkflowsPaginator(r -> r.owner(Ownership.SELF))
        .forEach(p -> all.addAll(p.workflowVersionList()));

    assertThat(all).hasSize(30);
    assertThat(all.get(0).arn()).isEqualTo(fx.arn("build/flow/1.0.0"));
    assertThat(all.get(29).arn()).isEqualTo(fx.arn("build/flow/1.0.29"));
    assertThat(all.get(2).version()).isEqualTo("1.0.2");
    assertThat(all)
        .allSatisfy(
            v -> {
              assertThat(v.owner()).isEqualTo(fx.emu.account());
              assertThat(v.type()).isEqualTo(WorkflowType.BUILD);
              assertThat(v.dateCreated()).isNotBlank();
            });
    ListWorkflowsResponse firstPage = fx.client.listWorkflows(r -> {});
    assertThat(firstPage.workflowVersionList()).hasSize(25);
    assertThat(firstPage.nextToken()).isNotBlank();
  }

  @Test
  void listBuildVersionsPagesOldestFirst() {
    for (int build = 1; build <= 27; build++) {
      fx.client.createWorkflow(
          SampleWorkflows.create("flow", "1.0.0")
              .description("build " + build)
              .tags(Map.of("n", "" + build))
              .build());
    }

    List<WorkflowSummary> all = new ArrayList<>();
    fx.client
        .listWorkflowBuildVersionsPaginator(
            r -> r.workflowVersionArn(fx.arn("build/flow/1.0.0")).maxResults(10))
        .forEach(
            p -> {
              assertThat(p.workflowSummaryList()).hasSizeLessThanOrEqualTo(10);
              all.addAll(p.workflowSummaryList());
            });

    assertThat(all).hasSize(27);
    assertThat(all.get(26).arn()).isEqualTo(fx.arn("build/flow/1.0.0/27"));
    assertThat(all.get(26).description()).isEqualTo("build 27");
    assertThat(all.get(26).tags()).containsEntry("n", "27");
    assertThat(all.get(0).arn()).isEqualTo(fx.arn("build/flow/1.0.0/1"));
  }

  @Test
  void aForgedOrForeignTokenIsInvalidPaginationToken() {
    for (int patch = 0; patch < 3; patch++) {
      fx.client.createWorkflow(SampleWorkflows.create("flow", "1.0." + patch).build());
    }
    String token = fx.client.listWorkflows(r -> r.maxResults(1)).nextToken();
    String tampered = token.charAt(0) == 'M' ? "N" + token.substring(1) : "M" + token.substring(1);

    assertThat(fx.client.listWorkflows(r -> r.maxResults(1).nextToken(token)).workflowVersionList())
        .hasSize(1);
    for (String bad : List.of("forged", tampered, token + "x")) {
      assertThatThrownBy(() -> fx.client.listWorkflows(r -> r.maxResults(1).nextToken(bad)))
          .isInstanceOf(InvalidPaginationTokenException.class)
          .satisfies(e -> Errors.assertError(e, "InvalidPaginationTokenException", 400));
    }
    assertThatThrownBy(
            () ->
                fx.client.listWorkflowBuildVersions(
                    r -> r.workflowVersionArn(fx.arn("build/flow/x.x.x")).nextToken(token)))
        .isInstanceOf(InvalidPaginationTokenException.class);
    assertThatThrownBy(() -> fx.client.listWorkflows(r -> r.byName(true).nextToken(token)))
        .isInstanceOf(InvalidPaginationTokenException.class);
  }

  @Test
  void byNameKeepsTheNewestVersionOfEachName() {
    fx.client.createWorkflow(SampleWorkflows.create("alpha", "1.2.0").build());
    fx.client.createWorkflow(SampleWorkflows.create("alpha", "1.10.0").build());
    fx.client.createWorkflow(SampleWorkflows.create("beta", "0.1.0").build());

    assertThat(fx.client.listWorkflows(r -> r.byName(true)).workflowVersionList())
        .extracting(WorkflowVersion::arn)
        .containsExactly(fx.arn("build/alpha/1.10.0"), fx.arn("build/beta/0.1.0"));
  }

  @Test
  void filtersAndOwners() {
    fx.client.createWorkflow(SampleWorkflows.create("alpha-flow", "1.0.0").build());
    fx.client.createWorkflow(
        SampleWorkflows.create("beta-flow", "1.0.0").type(WorkflowType.TEST).build());

    assertThat(
            fx.client
                .listWorkflows(
                    r -> r.filters(Filter.builder().name("name").values("ALPHA").build()))
                .workflowVersionList())
        .extracting(WorkflowVersion::name)
        .containsExactly("alpha-flow");
    assertThat(
            fx.client
                .listWorkflows(r -> r.filters(Filter.builder().name("type").values("TEST").build()))
                .workflowVersionList())
        .extracting(WorkflowVersion::name)
        .containsExactly("beta-flow");
    assertThat(fx.client.listWorkflows(r -> r.owner(Ownership.AMAZON)).workflowVersionList())
        .extracting(WorkflowVersion::owner)
        .isNotEmpty()
        .containsOnly("Amazon");
    assertThat(fx.client.listWorkflows(r -> r.owner(Ownership.SHARED)).workflowVersionList())
        .isEmpty();
    assertThatThrownBy(
            () ->
                fx.client.listWorkflows(
                    r -> r.filters(Filter.builder().name("color").values("x").build())))
        .isInstanceOf(InvalidRequestException.class);
  }

  @Test
  void listBuildVersionsNeedsAnArn() {
    assertThatThrownBy(() -> fx.client.listWorkflowBuildVersions(r -> {}))
        .isInstanceOf(InvalidRequestException.class);
  }
}
