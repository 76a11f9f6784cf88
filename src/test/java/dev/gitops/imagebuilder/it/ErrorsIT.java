package dev.gitops.imagebuilder.it;

import static dev.gitops.imagebuilder.it.Workflows.document;
import static dev.gitops.imagebuilder.it.Workflows.workflow;
import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import dev.gitops.imagebuilder.api.ImageBuilderWorkflow;
import dev.gitops.imagebuilder.emulator.EmulatorOptions;
import dev.gitops.imagebuilder.emulator.Faults;
import dev.gitops.imagebuilder.emulator.ImageBuilderEmulator;
import dev.gitops.imagebuilder.emulator.Operation;
import dev.gitops.imagebuilder.testing.KubeApiServerExtension;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.slf4j.LoggerFactory;

/**
 * Issue 5, promise 11: each error class shows as its reason and recovers (or waits for a spec
 * change).
 */
class ErrorsIT {
  @RegisterExtension
  @Order(1)
  static final KubeApiServerExtension kube = new KubeApiServerExtension();

  @RegisterExtension
  @Order(2)
  static final OperatorExtension aws = new OperatorExtension(kube);

  final ImageBuilderEmulator emu = aws.emu();
  final Workflows workflows = aws.workflows();

  @AfterEach
  void clearFaultsAndResources() {
    emu.faults().reset();
    emu.forbid(Set.of());
    emu.maxBuildVersions(EmulatorOptions.defaults().maxBuildVersions());
    // A resource left retrying (access and quota retry within seconds at first) would take the
    // faults the next test injects.
    var all = kube.client().resources(ImageBuilderWorkflow.class).inNamespace(kube.namespace());
    all.delete();
    org.awaitility.Awaitility.await()
        .atMost(Workflows.TIMEOUT)
        .until(() -> all.list().getItems().isEmpty());
  }

  @Test
  void serverErrorsAreRetriedWithBackoffUntilTheyStop() {
    emu.faults().failNext(Operation.CreateWorkflow, 4, Faults.ServerError.SERVICE_UNAVAILABLE);
    workflows.create(workflow("flaky", "flaky-flow", "1.0.0", document("v1")));

    ImageBuilderWorkflow failing = workflows.awaitReady("flaky", "False", "AwsUnavailable");
    assertThat(Workflows.condition(failing, "Reconciling").orElseThrow().getStatus())
        .isEqualTo("True");
    assertThat(Workflows.condition(failing, "Ready").orElseThrow().getMessage())
        .contains("ServiceUnavailableException")
        .contains("request id");

    workflows.awaitReady("flaky", "True", "Created");
    assertThat(Workflows.builds(emu, "flaky-flow")).hasSize(1);
  }

  @Test
  void missingPermissionIsAccessDeniedNamingTheAction() {
    emu.forbid(Set.of(Operation.CreateWorkflow));
    workflows.create(workflow("denied", "denied-flow", "1.0.0", document("v1")));

    // Reconciling at first, Stalled from the third attempt (RoughEdgesIT): either way, the action.
    ImageBuilderWorkflow denied = workflows.awaitReady("denied", "False", "AccessDenied");
    assertThat(Workflows.condition(denied, "Ready").orElseThrow().getMessage())
        .contains("imagebuilder:CreateWorkflow");
  }

  @Test
  void quotaReachedIsQuotaExceeded() {
    emu.maxBuildVersions(0);
    workflows.create(workflow("full", "full-flow", "1.0.0", document("v1")));

    ImageBuilderWorkflow full = workflows.awaitReady("full", "False", "QuotaExceeded");
    assertThat(Workflows.condition(full, "Ready").orElseThrow().getMessage()).contains("quota");
  }

  @Test
  void eachDecisionIsOneInfoLineWithTheArnAndRequestIdAndNoWorkflowBody() {
    ListAppender<ILoggingEvent> appender = new ListAppender<>();
    Logger operatorLog = (Logger) LoggerFactory.getLogger("dev.gitops.imagebuilder");
    appender.start();
    operatorLog.addAppender(appender);
    try {
      ImageBuilderWorkflow resource = workflow("logged", "logged-flow", "1.0.0", document("v1"));
      resource.getSpec().setTags(Map.of("team", "a"));
      workflows.create(resource);
      String arn =
          workflows
              .awaitReady("logged", "True", "Created")
              .getStatus()
              .getWorkflowBuildVersionArn();
      emu.forbid(Set.of(Operation.TagResource, Operation.UntagResource));
      workflows.edit("logged", s -> s.setTags(Map.of("team", "b")));
      workflows.awaitReady("logged", "False", "AccessDenied");

      String who = kube.namespace() + "/logged";
      // the decision line of a failure follows its status write
      List<String> lines =
          org.awaitility.Awaitility.await()
              .atMost(Workflows.TIMEOUT)
              .until(
                  () -> infoLines(appender),
                  l -> l.stream().anyMatch(line -> line.contains(" failed reason=AccessDenied")));
      assertThat(lines)
          .anyMatch(
              l ->
                  l.startsWith(
                      who
                          + " action=Create account=operator version=1.0.0 arn="
                          + arn
                          + " reason=Created"));
      assertThat(lines)
          .anyMatch(
              l ->
                  l.startsWith(
                          who
                              + " action=Retag account=operator version=1.0.0 arn="
                              + arn
                              + " failed reason=AccessDenied code=")
                      && l.matches(".* requestId=[^ n][^ ]* .*"));
      assertThat(lines).noneMatch(l -> l.contains("LaunchBuildInstance")); // a step of the document
    } finally {
      operatorLog.detachAppender(appender);
    }
  }

  private static List<String> infoLines(ListAppender<ILoggingEvent> appender) {
    synchronized (appender) { // appends hold the appender's lock
      return appender.list.stream()
          .filter(e -> e.getLevel().isGreaterOrEqual(Level.INFO))
          .map(ILoggingEvent::getFormattedMessage)
          .toList();
    }
  }

  @Test
  void aRequestTheServiceRefusesIsStalledUntilTheSpecChanges() {
    ImageBuilderWorkflow resource = workflow("no-object", "no-object-flow", "1.0.0", null);
    resource.getSpec().setUri("s3://workflows/missing.yaml");
    workflows.create(resource);

    ImageBuilderWorkflow refused = workflows.awaitReady("no-object", "False", "InvalidSpec");
    assertThat(Workflows.condition(refused, "Stalled").orElseThrow().getStatus()).isEqualTo("True");
    long creates = emu.counters().total("CreateWorkflow");

    emu.s3().putObject("workflows", "present.yaml", document("present"));
    workflows.edit("no-object", s -> s.setUri("s3://workflows/present.yaml"));

    workflows.awaitReady("no-object", "True", "Created");
    assertThat(emu.counters().total("CreateWorkflow")).isEqualTo(creates + 1);
  }
}
