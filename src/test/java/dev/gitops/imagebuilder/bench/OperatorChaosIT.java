package dev.gitops.imagebuilder.bench;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gitops.imagebuilder.testing.KubeApiServerExtension;
import java.nio.file.Files;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The chaos scenarios at reduced size (30 resources each) against one emulator process and the
 * operator as its own JVM, started as the Deployment starts it. Each must end with every resource
 * Ready, one build per distinct content, status naming it, none Stalled.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class OperatorChaosIT {
  @RegisterExtension static final KubeApiServerExtension kube = new KubeApiServerExtension();
  static Stack stack;
  static ChaosScenarios chaos;

  @BeforeAll
  static void start() throws Exception {
    ChaosScenarios.Size size = ChaosScenarios.Size.REDUCED;
    stack =
        new Stack(
            kube.kubeconfig(),
            kube.namespace() + "-chaos",
            Files.createTempDirectory("operator-chaos-it"));
    stack.operatorSettings(ChaosScenarios.operatorSettings(size), List.of());
    stack.emulator().accountLimits(0);
    stack.startOperator();
    chaos = new ChaosScenarios(stack, size);
  }

  @AfterAll
  static void stop() throws Exception {
    if (stack != null) {
      stack.close();
    }
  }

  private static void survives(String scenario) throws Exception {
    ChaosOutcome outcome = chaos.run(scenario);
    System.out.print(ChaosOutcome.HEADER + outcome.row());
    assertThat(outcome.passed()).as(outcome + "\noperator log: " + stack.operator().log()).isTrue();
  }

  /** First, while the namespace holds only the quiet fleet. */
  @Test
  @Order(0)
  void aQuietFleetWritesNothingAndReadsOncePerDriftInterval() throws Exception {
    survives("quiet");
  }

  @Test
  @Order(1)
  void twentyPercentOfCallsFailWith500503Or429() throws Exception {
    survives("errors");
  }

  @Test
  @Order(2)
  void tenPercentOfCreatesCommitAndLoseTheirAnswer() throws Exception {
    survives("lostAnswers");
  }

  @Test
  @Order(3)
  void theOperatorIsKilledMidRun() throws Exception {
    survives("operatorKill");
  }

  @Test
  @Order(4)
  void theApiServerStopsFor20Seconds() throws Exception {
    survives("apiServerStop");
  }

  @Test
  @Order(5)
  void theLeaderIsKilledAndTheStandbyTakesOver() throws Exception {
    survives("leaderKill");
  }

  @Test
  @Order(6)
  void theImageBuilderEndpointIsUnreachableFor30Seconds() throws Exception {
    ChaosOutcome outcome = chaos.run("awsUnreachable");
    System.out.print(ChaosOutcome.HEADER + outcome.row());
    assertThat(outcome.passed()).as(outcome.toString()).isTrue();
    assertThat(outcome.note()).doesNotContain(" 0 showed AwsUnavailable");
  }

  @Test
  @Order(7)
  void oneResourceEdited200TimesEndsAtTheLastSpec() throws Exception {
    survives("rapidEdits");
  }
}
