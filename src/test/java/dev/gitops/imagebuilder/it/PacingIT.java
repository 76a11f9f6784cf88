package dev.gitops.imagebuilder.it;

import static dev.gitops.imagebuilder.it.Workflows.document;
import static dev.gitops.imagebuilder.it.Workflows.workflow;
import static org.assertj.core.api.Assertions.assertThat;

import dev.gitops.imagebuilder.api.ImageBuilderWorkflow;
import dev.gitops.imagebuilder.emulator.EmulatorClients;
import dev.gitops.imagebuilder.emulator.EmulatorOptions;
import dev.gitops.imagebuilder.emulator.ImageBuilderEmulator;
import dev.gitops.imagebuilder.emulator.Operation;
import dev.gitops.imagebuilder.testing.KubeApiServerExtension;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The pace, end to end: a throttled region neither fails its resources nor holds the reconcile
 * threads another region needs, and the operator's own status writes wake nothing.
 */
class PacingIT {
  private static final String SLOW_REGION = "us-east-1";
  private static final String FAST_REGION = "eu-west-1";

  @RegisterExtension static final KubeApiServerExtension kube = new KubeApiServerExtension();

  static ImageBuilderEmulator slow;
  static ImageBuilderEmulator fast;
  static OperatorRun operator;
  static Workflows workflows;

  @BeforeAll
  static void start() {
    Workflows.installCrds(kube);
    slow = ImageBuilderEmulator.start(EmulatorOptions.defaults());
    fast = ImageBuilderEmulator.start(EmulatorOptions.defaults());
    // No ceiling: the operator finds each region's pace by itself.
    operator =
        new OperatorRun(
            kube.client(),
            region -> EmulatorClients.builder(region.equals(SLOW_REGION) ? slow : fast, region),
            () -> EmulatorClients.sts(fast),
            OperatorRun.config(
                slow, kube.namespace(), Duration.ofMinutes(10), Double.POSITIVE_INFINITY));
    workflows = new Workflows(kube.client(), kube.namespace());
  }

  @AfterAll
  static void stop() {
    try {
      if (operator != null) {
        operator.close();
      }
    } finally {
      slow.close();
      fast.close();
    }
  }

  @Test
  void aThrottledRegionFailsNothingAndDoesNotHoldUpAnotherRegion() {
    slow.faults().rateLimit(Operation.CreateWorkflow, 2, 2);
    int count = 12; // three times the operator's reconcile threads
    for (int i = 0; i < count; i++) {
      workflows.create(workflow("slow-" + i, "slow-flow-" + i, "1.0.0", document("s" + i)));
    }
    workflows.awaitReady("slow-0", "True", "Created"); // the slow region is busy now
    Instant asked = Instant.now();
    ImageBuilderWorkflow other = workflow("elsewhere", "elsewhere-flow", "1.0.0", document("f"));
    other.getSpec().setRegion(FAST_REGION);
    workflows.create(other);

    workflows.awaitReady("elsewhere", "True", "Created");
    Duration took = Duration.between(asked, Instant.now());
    long slowReady =
        IntStream.range(0, count)
            .filter(i -> Workflows.has(workflows.get("slow-" + i), "Ready", "True", "Created"))
            .count();
    System.out.println(
        "other region Ready after " + took.toMillis() + " ms; slow region Ready: " + slowReady);
    assertThat(slowReady).as("the slow region was still working").isLessThan(count);
    assertThat(took).isLessThan(Duration.ofSeconds(3));

    for (int i = 0; i < count; i++) {
      workflows.awaitReady("slow-" + i, "True", "Created");
    }
    System.out.println("slow region calls: " + slow.counters().snapshot());
    assertThat(slow.builds()).filteredOn(b -> b.name().startsWith("slow-flow-")).hasSize(count);
    assertThat(slow.counters().get("CreateWorkflow", "CallRateLimitExceededException"))
        // A create's turn is taken before its read, so the creates in flight when the first 429
        // answers are one read's worth more than the pace alone would send.
        .as("the pace finds the limit (5 times below where it starts): about one 429 a create")
        .isLessThanOrEqualTo(count + count / 4);
    assertThat(kube.client().v1().events().inNamespace(kube.namespace()).list().getItems())
        .noneMatch(e -> "Throttled".equals(e.getReason()));
    slow.faults().reset();
  }

  @Test
  void theOperatorsOwnStatusWritesWakeNothing() throws InterruptedException {
    for (int i = 0; i < 5; i++) {
      workflows.create(workflow("quiet-" + i, "quiet-flow-" + i, "1.0.0", document("q" + i)));
    }
    for (int i = 0; i < 5; i++) {
      workflows.awaitReady("quiet-" + i, "True", "Created");
    }
    Thread.sleep(1_000); // let the last reconciles finish
    long callsBefore = calls();
    Map<String, String> versionsBefore = resourceVersions();

    Thread.sleep(3_000); // a quiet window, far from the drift interval

    assertThat(calls()).as("AWS calls in a quiet window").isEqualTo(callsBefore);
    assertThat(resourceVersions()).as("status writes in a quiet window").isEqualTo(versionsBefore);
  }

  private static long calls() {
    return Stream.of(slow, fast)
        .flatMap(e -> e.counters().snapshot().values().stream())
        .flatMap(byOutcome -> byOutcome.values().stream())
        .mapToLong(Long::longValue)
        .sum();
  }

  private static Map<String, String> resourceVersions() {
    List<ImageBuilderWorkflow> all =
        kube.client()
            .resources(ImageBuilderWorkflow.class)
            .inNamespace(kube.namespace())
            .list()
            .getItems();
    return all.stream()
        .collect(
            Collectors.toMap(
                r -> r.getMetadata().getName(), r -> r.getMetadata().getResourceVersion()));
  }
}
