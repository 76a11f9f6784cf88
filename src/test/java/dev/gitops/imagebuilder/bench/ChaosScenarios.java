package dev.gitops.imagebuilder.bench;

import io.fabric8.kubernetes.api.model.coordination.v1.Lease;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The faults a production operator must survive, each on its own resources in one shared stack:
 * every resource must end Ready with one build per distinct content, its status naming that build,
 * none Stalled.
 */
final class ChaosScenarios {
  static final List<String> ALL =
      List.of(
          "errors",
          "lostAnswers",
          "operatorKill",
          "apiServerStop",
          "leaderKill",
          "awsUnreachable",
          "rapidEdits",
          "quiet");
  static final String LEASE = "imagebuilder-workflow-operator";

  /** How big the run is: full ({@code scripts/chaos}) or reduced (the *ChaosIT in CI). */
  record Size(
      int resources,
      int edits,
      Duration driftInterval,
      Duration quietWindow,
      int quietResources,
      Duration timeout) {
    static final Size FULL =
        new Size(
            300, 200, Duration.ofSeconds(30), Duration.ofMinutes(5), 1000, Duration.ofMinutes(15));
    static final Size REDUCED =
        new Size(
            30, 200, Duration.ofSeconds(30), Duration.ofSeconds(60), 30, Duration.ofMinutes(3));
  }

  private final Stack stack;
  private final Size size;

  ChaosScenarios(Stack stack, Size size) {
    this.stack = stack;
    this.size = size;
  }

  /** Settings of the operator the scenarios share. */
  static Map<String, String> operatorSettings(Size size) {
    return Map.of("IBW_DRIFT_CHECK_INTERVAL", size.driftInterval().toSeconds() + "s");
  }

  ChaosOutcome run(String scenario) throws Exception {
    return switch (scenario) {
      case "errors" -> errors();
      case "lostAnswers" -> lostAnswers();
      case "operatorKill" -> operatorKill();
      case "apiServerStop" -> apiServerStop();
      case "leaderKill" -> leaderKill();
      case "awsUnreachable" -> awsUnreachable();
      case "rapidEdits" -> rapidEdits();
      case "quiet" -> quiet();
      default ->
          throw new IllegalArgumentException("unknown scenario " + scenario + "; one of " + ALL);
    };
  }

  /** 1. 20% of all calls answer 500, 503 or 429 at random. */
  ChaosOutcome errors() throws Exception {
    for (String op : EmulatorProcess.OPERATIONS) {
      stack
          .emulator()
          .fault(
              Map.of(
                  "failRate",
                  Map.of(
                      "operation",
                      op,
                      "rate",
                      0.2,
                      "errors",
                      List.of(
                          "SERVICE_EXCEPTION",
                          "SERVICE_UNAVAILABLE",
                          "CALL_RATE_LIMIT_EXCEEDED"))));
    }
    try {
      return whileFaulty("errors", "s1", "20% of calls 500/503/429");
    } finally {
      resetEmulatorFaults();
    }
  }

  /** 2. 10% of creates commit and then lose their answer (dropped connection, or 500). */
  ChaosOutcome lostAnswers() throws Exception {
    stack
        .emulator()
        .fault(
            Map.of(
                "commitThenFail",
                Map.of(
                    "operation",
                    "CreateWorkflow",
                    "rate",
                    0.1,
                    "failures",
                    List.of("SERVER_ERROR", "DROP_CONNECTION"))));
    try {
      return whileFaulty("lostAnswers", "s2", "10% of creates commit, answer lost");
    } finally {
      resetEmulatorFaults();
    }
  }

  /** 3. The operator is killed with SIGKILL mid-run and started again. */
  ChaosOutcome operatorKill() throws Exception {
    return midRun(
        "operatorKill",
        "s3",
        () -> {
          stack.operator().kill();
          stack.restartOperator();
        },
        "SIGKILL, then a new JVM");
  }

  /** 4. The kube-apiserver stops for 20 s and starts again on the same port and etcd. */
  ChaosOutcome apiServerStop() throws Exception {
    return midRun(
        "apiServerStop",
        "s4",
        () -> {
          testCluster("stop-apiserver");
          TimeUnit.SECONDS.sleep(20);
          testCluster("start-apiserver");
        },
        "stopped 20 s");
  }

  /** 5. Two replicas with leader election; the leader is killed with SIGKILL. */
  ChaosOutcome leaderKill() throws Exception {
    stack.startOperator(); // the standby
    return midRun(
        "leaderKill",
        "s5",
        () -> {
          Lease lease = stack.admin().leases().inNamespace(stack.namespace()).withName(LEASE).get();
          String holder = lease.getSpec().getHolderIdentity();
          OperatorProcess leader =
              stack.operators().stream()
                  .filter(o -> o.identity().equals(holder))
                  .findFirst()
                  .orElseThrow(
                      () ->
                          new IllegalStateException("no replica holds the Lease (" + holder + ")"));
          leader.kill();
          stack.forgetDead();
        },
        "leader SIGKILL, standby takes over");
  }

  /** 6. The Image Builder endpoint refuses connections for 30 s. */
  ChaosOutcome awsUnreachable() throws Exception {
    stack.watch().recordReason("AwsUnavailable");
    List<String> names = Fleet.names("s6", size.resources());
    ChaosOutcome outcome =
        midRun(
            "awsUnreachable",
            "s6",
            () -> {
              stack.emulator().unreachableFor(30);
              TimeUnit.SECONDS.sleep(30);
            },
            "");
    int shown =
        (int) names.stream().filter(stack.watch().sawReason("AwsUnavailable")::contains).count();
    return outcome.withNote("refused 30 s; " + shown + " showed AwsUnavailable");
  }

  /** 7. One resource edited {@code size.edits()} times in quick succession. */
  ChaosOutcome rapidEdits() throws Exception {
    List<String> one = List.of("s7-00001");
    stack.watch().goal(WorkflowWatch::ready);
    stack.fleet().create(one, "1.0.0", "edit-0");
    stack.watch().await(one, size.timeout());
    for (int i = 1; i <= size.edits(); i++) {
      stack.fleet().patchSpec(one.get(0), "1.0.0", "edit-" + i);
    }
    long lastEdit = System.nanoTime();
    long generation = 1 + size.edits();
    stack
        .watch()
        .goal(r -> r.getMetadata().getGeneration() >= generation && WorkflowWatch.ready(r));
    int notReady = stack.watch().await(one, size.timeout());
    ChaosCheck check =
        ChaosCheck.of(one, 1 + size.edits(), stack.watch(), stack.emulator().builds());
    return ChaosOutcome.of(
        "rapidEdits",
        1,
        notReady,
        stack.watch().stalledCount(one),
        check,
        (stack.watch().lastMetAt(one) - lastEdit) / 1e9,
        size.edits() + " edits, " + check.builds() + " builds");
  }

  /** 8. A quiet fleet over several drift intervals: no writes anywhere, bounded reads. */
  ChaosOutcome quiet() throws Exception {
    int existing = stack.watch().size();
    List<String> extra = Fleet.names("s8", Math.max(0, size.quietResources() - existing));
    stack.watch().goal(WorkflowWatch::ready);
    stack.fleet().create(extra, "1.0.0", "quiet");
    int notReady = stack.watch().await(extra, size.timeout());
    int resources = stack.watch().size();
    var callsBefore = stack.emulator().counters();
    var writesBefore = ApiServerWrites.read(stack.admin());
    Thread.sleep(size.quietWindow().toMillis());
    var calls = EmulatorCalls.delta(callsBefore, stack.emulator().counters());
    ApiServerWrites writes = ApiServerWrites.read(stack.admin()).minus(writesBefore);
    long reads = EmulatorCalls.reads(calls);
    long awsWrites = EmulatorCalls.writes(calls);
    double window = size.quietWindow().toMillis() / (double) size.driftInterval().toMillis();
    // a window overlaps ceil(window) + 1 drift intervals: one check per resource in each at most
    long allowedReads = resources * ((long) Math.ceil(window) + 1);
    String note =
        String.format(
            "%d s window: %d AWS writes, %d reads (%.2f per resource per interval, ≤ %d allowed), %d status writes",
            size.quietWindow().toSeconds(),
            awsWrites,
            reads,
            reads / (resources * window),
            allowedReads,
            writes.workflows());
    boolean quiet = awsWrites == 0 && writes.workflows() == 0 && reads <= allowedReads;
    return new ChaosOutcome(
        "quiet",
        resources,
        notReady,
        0,
        0,
        0,
        0,
        0,
        note,
        quiet ? List.of() : List.of("not quiet: " + note));
  }

  /** Applies {@code prefix} resources while a fault set beforehand lasts the whole run. */
  private ChaosOutcome whileFaulty(String scenario, String prefix, String note) throws Exception {
    List<String> names = Fleet.names(prefix, size.resources());
    stack.watch().goal(WorkflowWatch::ready);
    long start = System.nanoTime();
    stack.fleet().create(names, "1.0.0", prefix);
    return settled(scenario, names, start, note);
  }

  private interface Fault {
    void run() throws Exception;
  }

  /**
   * Applies {@code prefix} resources, runs {@code fault} once about a third are Ready, then waits
   * for all; the time to recover counts from the end of the fault.
   */
  private ChaosOutcome midRun(String scenario, String prefix, Fault fault, String note)
      throws Exception {
    List<String> names = Fleet.names(prefix, size.resources());
    stack.watch().goal(WorkflowWatch::ready);
    stack.fleet().create(names, "1.0.0", prefix);
    long deadline = System.nanoTime() + size.timeout().toNanos();
    while (System.nanoTime() < deadline
        && names.stream().filter(n -> stack.watch().metAt(n).isPresent()).count()
            < names.size() / 3) {
      Thread.sleep(50);
    }
    int readyBefore = (int) names.stream().filter(n -> stack.watch().metAt(n).isPresent()).count();
    int exitsBefore = stack.ownExits();
    fault.run();
    long faultEnded = System.nanoTime();
    ChaosOutcome outcome = settled(scenario, names, faultEnded, note);
    int exits = stack.ownExits() - exitsBefore;
    return outcome.withNote(
        (note.isEmpty() ? "" : note + "; ")
            + readyBefore
            + " Ready before the fault"
            + (exits == 0 ? "" : "; the operator exited and was restarted " + exits + "×"));
  }

  /**
   * Waits until all {@code names} (one content each) are Ready, then judges them; recovery time
   * counts from {@code sinceNanos}.
   */
  private ChaosOutcome settled(String scenario, List<String> names, long sinceNanos, String note)
      throws InterruptedException {
    int notReady = stack.watch().await(names, size.timeout());
    return ChaosOutcome.of(
        scenario,
        names.size(),
        notReady,
        stack.watch().stalledCount(names),
        ChaosCheck.of(names, 1, stack.watch(), stack.emulator().builds()),
        Math.max(0, stack.watch().lastMetAt(names) - sinceNanos) / 1e9,
        note);
  }

  private void resetEmulatorFaults() {
    stack.emulator().clearFaults();
    stack.emulator().accountLimits(0);
  }

  /** {@code scripts/test-cluster COMMAND} for the cluster the kubeconfig belongs to. */
  private void testCluster(String command) throws IOException, InterruptedException {
    ProcessBuilder builder =
        new ProcessBuilder("bash", "scripts/test-cluster", command).inheritIO();
    Path stateDir = stack.kubeconfig().toAbsolutePath().getParent();
    builder.environment().put("TEST_CLUSTER_DIR", stateDir.toString());
    int exit = builder.start().waitFor();
    if (exit != 0) {
      throw new IllegalStateException(
          "scripts/test-cluster " + command + " failed (exit " + exit + ")");
    }
  }
}
