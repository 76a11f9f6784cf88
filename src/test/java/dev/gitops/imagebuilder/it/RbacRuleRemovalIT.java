package dev.gitops.imagebuilder.it;

import static dev.gitops.imagebuilder.it.Workflows.document;
import static dev.gitops.imagebuilder.it.Workflows.workflow;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import dev.gitops.imagebuilder.emulator.EmulatorOptions;
import dev.gitops.imagebuilder.emulator.ImageBuilderEmulator;
import dev.gitops.imagebuilder.testing.DeployRbac;
import dev.gitops.imagebuilder.testing.KubeApiServerExtension;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.javaoperatorsdk.operator.processing.event.EventProcessor;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.slf4j.LoggerFactory;

/**
 * Least privilege, the other half: every rule of deploy/'s ClusterRole and Role is needed. Each
 * case gives a separate ServiceAccount deploy/'s RBAC minus one rule and shows what breaks.
 */
class RbacRuleRemovalIT {
  @RegisterExtension static final KubeApiServerExtension kube = new KubeApiServerExtension();
  static ImageBuilderEmulator emu;

  @BeforeAll
  static void start() {
    Workflows.installCrds(kube);
    emu = ImageBuilderEmulator.start(EmulatorOptions.defaults());
  }

  @AfterAll
  static void stop() {
    emu.close();
  }

  private static String accountWithout(String kind, int rule) {
    String account = "ibw-without-" + kind.toLowerCase() + "-" + rule;
    DeployRbac.apply(
        kube.client(),
        DeployRbac.withoutRule(DeployRbac.objects(kube.client()), kind, rule, account));
    return account;
  }

  /**
   * Rules whose absence stops the operator at start: informers cannot list, or the Lease is not
   * usable.
   */
  @ParameterizedTest(name = "{0} rule {1} ({2})")
  @CsvSource({
    "ClusterRole, 0, imagebuilderworkflows get/list/watch/patch",
    "ClusterRole, 2, configmaps get/list/watch",
    "AccountsClusterRole, 0, imagebuilderaccounts get/list/watch",
    "AccountsClusterRole, 2, namespaces get/list/watch",
    "Role, 0, leases create",
    "Role, 1, leases get/update/patch"
  })
  void withoutThisRuleTheOperatorDoesNotStart(String kind, int rule, String what) {
    var client = kube.impersonating(DeployRbac.NAMESPACE, accountWithout(kind, rule));
    assertThatThrownBy(() -> new OperatorAsServiceAccount(client, emu, kube.namespace()).close())
        .as("without %s", what)
        .isInstanceOf(RuntimeException.class);
  }

  @Test
  void withoutStatusUpdateNoResourceGetsAStatus() throws Exception {
    var client = kube.impersonating(DeployRbac.NAMESPACE, accountWithout("ClusterRole", 1));
    var workflows = new Workflows(kube.client(), kube.namespace());
    try (var operator = new OperatorAsServiceAccount(client, emu, kube.namespace())) {
      await().atMost(Workflows.TIMEOUT).until(operator.runtime::isLeading);
      workflows.create(workflow("no-status", "no-status", "1.0.0", document("s")));
      await().atMost(Workflows.TIMEOUT).until(() -> operator.reconcileFailures() > 0);
      assertThat(workflows.get("no-status").getStatus()).isNull();
    }
  }

  @Test
  void aResourceWhoseRetriesRanOutIsReconciledAgainWithinTheDriftInterval() throws Exception {
    // Without status update every reconcile fails after its AWS work, until JOSDK's retries run
    // out.
    String account = "ibw-gave-up";
    List<HasMetadata> rbac = DeployRbac.objects(kube.client());
    DeployRbac.apply(kube.client(), DeployRbac.withoutRule(rbac, "ClusterRole", 1, account));
    var client = kube.impersonating(DeployRbac.NAMESPACE, account);
    var workflows = new Workflows(kube.client(), kube.namespace());
    ListAppender<ILoggingEvent> josdkLog = new ListAppender<>();
    Logger eventProcessor = (Logger) LoggerFactory.getLogger(EventProcessor.class);
    josdkLog.start();
    eventProcessor.addAppender(josdkLog);
    try (var operator =
        new OperatorAsServiceAccount(client, emu, kube.namespace(), Duration.ofSeconds(2))) {
      await().atMost(Workflows.TIMEOUT).until(operator.runtime::isLeading);
      workflows.create(workflow("gave-up", "gave-up", "1.0.0", document("g")));
      await()
          .atMost(Duration.ofSeconds(120))
          .until(
              () -> {
                synchronized (josdkLog) { // appends hold the appender's lock
                  return josdkLog.list.stream()
                      .anyMatch(
                          e ->
                              e.getFormattedMessage().startsWith("Exhausted retries")
                                  && e.getFormattedMessage().contains("gave-up"));
                }
              });

      DeployRbac.apply(kube.client(), DeployRbac.forAccount(rbac, account));

      workflows.awaitReady("gave-up", "True", "Created");
    } finally {
      eventProcessor.detachAppender(josdkLog);
    }
  }

  @Test
  void withoutEventsCreateAReadyResourceHasNoEvent() throws Exception {
    var client = kube.impersonating(DeployRbac.NAMESPACE, accountWithout("ClusterRole", 3));
    var workflows = new Workflows(kube.client(), kube.namespace());
    try (var operator = new OperatorAsServiceAccount(client, emu, kube.namespace())) {
      await().atMost(Workflows.TIMEOUT).until(operator.runtime::isLeading);
      String uid =
          workflows
              .create(workflow("no-event", "no-event", "1.0.0", document("e")))
              .getMetadata()
              .getUid();
      workflows.awaitReady("no-event", "True", "Created");
      // The event is recorded right after the status patch; give it ample time to (not) appear.
      await()
          .during(Duration.ofSeconds(3))
          .atMost(Duration.ofSeconds(5))
          .until(
              () ->
                  kube
                      .client()
                      .v1()
                      .events()
                      .inNamespace(kube.namespace())
                      .list()
                      .getItems()
                      .stream()
                      .noneMatch(e -> uid.equals(e.getInvolvedObject().getUid())));
    }
  }
}
