package dev.gitops.imagebuilder.it;

import static dev.gitops.imagebuilder.it.Workflows.document;
import static dev.gitops.imagebuilder.it.Workflows.workflow;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.gitops.imagebuilder.api.ImageBuilderWorkflow;
import dev.gitops.imagebuilder.api.ImageBuilderWorkflowStatus;
import dev.gitops.imagebuilder.emulator.Counters;
import dev.gitops.imagebuilder.emulator.ImageBuilderEmulator;
import dev.gitops.imagebuilder.emulator.WorkflowBuild;
import dev.gitops.imagebuilder.testing.KubeApiServerExtension;
import dev.gitops.imagebuilder.testing.Kubectl;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Issue 5, promises 1-4, 7, 13 and 14: create, new version, new build, nothing changed, tags,
 * region, kubectl wait.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class WorkflowLifecycleIT {
  @RegisterExtension
  @Order(1)
  static final KubeApiServerExtension kube = new KubeApiServerExtension();

  @RegisterExtension
  @Order(2)
  static final OperatorExtension aws = new OperatorExtension(kube);

  final ImageBuilderEmulator emu = aws.emu();
  final Workflows workflows = aws.workflows();

  @Test
  @Order(1) // counts calls: runs before other resources exist
  void createMakesOneBuildWithOwnershipTagsAndReportsItInThreeCalls() {
    Map<String, Long> before = callsByOperation();
    ImageBuilderWorkflow resource = workflow("create", "create-flow", "1.0.0", document("v1"));
    resource.getSpec().setTags(Map.of("team", "platform"));
    String uid = workflows.create(resource).getMetadata().getUid();

    ImageBuilderWorkflow ready = workflows.awaitReady("create", "True", "Created");

    ImageBuilderWorkflowStatus status = ready.getStatus();
    String arnPrefix =
        "arn:aws:imagebuilder:us-east-1:" + emu.account() + ":workflow/build/create-flow/1.0.0";
    assertThat(status.getWorkflowBuildVersionArn()).isEqualTo(arnPrefix + "/1");
    assertThat(status.getSemanticVersion()).isEqualTo("1.0.0");
    assertThat(status.getBuildVersion()).isEqualTo(1);
    assertThat(status.getContentHash()).hasSize(64);
    assertThat(status.getObservedGeneration()).isEqualTo(ready.getMetadata().getGeneration());
    assertThat(status.getLatestVersionReferences().getLatestPatchVersionArn()).isEqualTo(arnPrefix);
    assertThat(status.getLatestVersionReferences().getLatestVersionArn())
        .endsWith("/create-flow/x.x.x");
    assertThat(status.getHistory())
        .extracting("workflowBuildVersionArn")
        .containsExactly(arnPrefix + "/1");
    List<WorkflowBuild> builds = Workflows.builds(emu, "create-flow");
    assertThat(builds).hasSize(1);
    assertThat(builds.get(0).tags())
        .containsEntry("team", "platform")
        .containsEntry("imagebuilder.gitops.dev/namespace", kube.namespace())
        .containsEntry("imagebuilder.gitops.dev/name", "create")
        .containsEntry("imagebuilder.gitops.dev/uid", uid)
        .containsEntry("imagebuilder.gitops.dev/content-hash", status.getContentHash());
    // The workflow's versions (none: no claim check before the create), CreateWorkflow, and the
    // versions again after it (only the new one, whose build 1 is then the workflow's first).
    Map<String, Long> freshCreate =
        Map.of("ListWorkflows", 2L, "CreateWorkflow", 1L, "ListWorkflowBuildVersions", 0L);
    assertThat(callsSince(before)).isEqualTo(freshCreate);

    // The same once the account is known: a resource that holds no workflow yet lists versions.
    Map<String, Long> beforeSecond = callsByOperation();
    workflows.create(workflow("create-2", "create-flow-2", "1.0.0", document("v1")));
    workflows.awaitReady("create-2", "True", "Created");
    assertThat(callsSince(beforeSecond)).isEqualTo(freshCreate);

    // A resource holding its workflow reads its version's builds and creates, nothing else.
    Map<String, Long> beforeBump = callsByOperation();
    workflows.edit("create-2", s -> s.setSemanticVersion("1.0.1"));
    workflows.await(
        "create-2",
        r -> r.getStatus() != null && "1.0.1".equals(r.getStatus().getSemanticVersion()));
    assertThat(callsSince(beforeBump))
        .isEqualTo(
            Map.of("ListWorkflows", 0L, "CreateWorkflow", 1L, "ListWorkflowBuildVersions", 1L));
  }

  private static final List<String> COUNTED =
      List.of("ListWorkflows", "CreateWorkflow", "ListWorkflowBuildVersions");

  private Map<String, Long> callsByOperation() {
    return COUNTED.stream().collect(Collectors.toMap(o -> o, o -> emu.counters().total(o)));
  }

  private Map<String, Long> callsSince(Map<String, Long> before) {
    Map<String, Long> now = callsByOperation();
    return COUNTED.stream().collect(Collectors.toMap(o -> o, o -> now.get(o) - before.get(o)));
  }

  @Test
  void newVersionKeepsTheOldOneAndChangedContentMakesTheNextBuild() {
    workflows.create(workflow("versions", "versions-flow", "1.0.0", document("v1")));
    workflows.awaitReady("versions", "True", "Created");

    workflows.edit(
        "versions",
        s -> {
          s.setSemanticVersion("1.1.0");
          s.setData(document("v2"));
        });
    ImageBuilderWorkflow v2 = workflows.awaitReady("versions", "True", "Created");
    assertThat(v2.getStatus().getWorkflowBuildVersionArn()).endsWith("/versions-flow/1.1.0/1");
    assertThat(v2.getStatus().getHistory())
        .extracting("semanticVersion")
        .containsExactly("1.1.0", "1.0.0");

    workflows.edit("versions", s -> s.setData(document("v2 fixed")));
    ImageBuilderWorkflow next = workflows.awaitReady("versions", "True", "NewBuild");
    assertThat(next.getStatus().getWorkflowBuildVersionArn()).endsWith("/versions-flow/1.1.0/2");
    assertThat(next.getStatus().getBuildVersion()).isEqualTo(2);
    assertThat(Workflows.builds(emu, "versions-flow"))
        .extracting(WorkflowBuild::arn)
        .anyMatch(a -> a.endsWith("/1.0.0/1"))
        .anyMatch(a -> a.endsWith("/1.1.0/1"))
        .anyMatch(a -> a.endsWith("/1.1.0/2"))
        .hasSize(3);
    assertThat(emu.counters().get("CreateWorkflow", "ResourceInUseException")).isZero();
  }

  @Test
  void nothingChangedMeansNoAwsWriteAndNoStatusPatch() throws Exception {
    workflows.create(workflow("steady", "steady-flow", "1.0.0", document("v1")));
    String resourceVersion =
        workflows.awaitReady("steady", "True", "Created").getMetadata().getResourceVersion();
    long writes = writes();

    // A restarted operator has no memory: it checks every resource against AWS once (one read).
    long reads =
        emu.counters().total("ListWorkflowBuildVersions") + emu.counters().total("ListWorkflows");
    aws.stop();
    aws.start();
    await()
        .atMost(Workflows.TIMEOUT)
        .until(
            () ->
                emu.counters().total("ListWorkflowBuildVersions")
                        + emu.counters().total("ListWorkflows")
                    > reads);
    TimeUnit.SECONDS.sleep(2); // give a wrong status patch or write time to show up

    assertThat(writes()).isEqualTo(writes);
    assertThat(workflows.get("steady").getMetadata().getResourceVersion())
        .isEqualTo(resourceVersion);
  }

  @Test
  void tagChangesRetagTheCurrentBuildAndKeepOwnershipTags() {
    ImageBuilderWorkflow resource = workflow("tags", "tags-flow", "1.0.0", document("v1"));
    resource.getSpec().setTags(Map.of("team", "a", "cost", "1"));
    workflows.create(resource);
    workflows.awaitReady("tags", "True", "Created");

    workflows.edit("tags", s -> s.setTags(Map.of("team", "b")));
    workflows.await(
        "tags",
        r ->
            Workflows.has(r, "Ready", "True", null)
                && Workflows.builds(emu, "tags-flow").get(0).tags().get("team").equals("b"));

    List<WorkflowBuild> builds = Workflows.builds(emu, "tags-flow");
    assertThat(builds).hasSize(1);
    assertThat(builds.get(0).tags())
        .doesNotContainKey("cost")
        .containsEntry("team", "b")
        .containsKeys(
            "imagebuilder.gitops.dev/namespace",
            "imagebuilder.gitops.dev/name",
            "imagebuilder.gitops.dev/uid",
            "imagebuilder.gitops.dev/content-hash");
    assertThat(emu.counters().get("UntagResource", Counters.OK)).isPositive();
  }

  @Test
  void regionSelectsTheClientAndShowsInTheArns() {
    ImageBuilderWorkflow resource = workflow("region", "region-flow", "1.0.0", document("v1"));
    resource.getSpec().setRegion("eu-west-1");
    workflows.create(resource);
    ImageBuilderWorkflow ready = workflows.awaitReady("region", "True", "Created");
    assertThat(ready.getStatus().getWorkflowBuildVersionArn())
        .startsWith("arn:aws:imagebuilder:eu-west-1:");
    assertThat(ready.getStatus().getLatestVersionReferences().getLatestVersionArn())
        .contains(":eu-west-1:");
  }

  @Test
  void theWorkflowNameDefaultsToTheResourceName() {
    ImageBuilderWorkflow resource = workflow("unnamed-flow", null, "1.0.0", document("v1"));
    workflows.create(resource);
    ImageBuilderWorkflow ready = workflows.awaitReady("unnamed-flow", "True", "Created");
    assertThat(ready.getStatus().getWorkflowBuildVersionArn())
        .endsWith(":workflow/build/unnamed-flow/1.0.0/1");
  }

  @Test
  void kubectlWaitForReadyWorks() {
    workflows.create(workflow("wait", "wait-flow", "1.0.0", document("v1")));
    String output =
        new Kubectl(kube.kubectl(), kube.kubeconfig())
            .ok(
                null,
                "-n",
                kube.namespace(),
                "wait",
                "--for=condition=Ready",
                "ibw/wait",
                "--timeout=60s");
    assertThat(output).contains("condition met");
  }

  private long writes() {
    return List.of("CreateWorkflow", "TagResource", "UntagResource", "DeleteWorkflow").stream()
        .mapToLong(op -> emu.counters().total(op))
        .sum();
  }
}
