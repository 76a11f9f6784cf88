package dev.gitops.imagebuilder.bench;

import dev.gitops.imagebuilder.bench.OperatorProcess.FirstReconcile;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.ToDoubleFunction;

/**
 * The benchmark phases for one fleet size against one emulator and operator: create, version bump,
 * content change, steady state, operator restart, then single resources applied one at a time.
 */
final class BenchRun {
  static final int LATENCY_MILLIS = 50;
  static final double CREATE_RATE = 20;
  static final double READ_RATE = 50;
  static final Duration DRIFT_INTERVAL = Duration.ofMinutes(1);
  static final int QUICK_STARTS = 4;

  private final Stack rig;
  private final int size;
  private final List<String> names;
  private final List<PhaseResult> results = new ArrayList<>();
  private double createPathCalls = 2;

  BenchRun(Stack rig, int size) {
    this.rig = rig;
    this.size = size;
    this.names = Fleet.names("w", size);
  }

  /** What the harness reads before and after a phase. */
  private record Snapshot(
      Map<String, Map<String, Long>> calls,
      ApiServerWrites writes,
      long fleetWrites,
      int builds,
      double cpu) {}

  private Snapshot snapshot() {
    return new Snapshot(
        rig.emulator().counters(),
        ApiServerWrites.read(rig.admin()),
        rig.fleet().writes(),
        rig.emulator().builds().size(),
        rig.operator().cpuSeconds());
  }

  List<PhaseResult> run(Duration steady, int latencySamples, String only) throws Exception {
    rig.emulator().accountLimits(LATENCY_MILLIS);
    rig.emulator().buildVersionQuota(3 * names.size() + latencySamples + 1_000);
    if (wanted(only, "create")) {
      converge("create", 1, () -> rig.fleet().create(names, "1.0.0", "v1"));
    }
    if (wanted(only, "bump")) {
      converge("bump", 2, () -> rig.fleet().patchSpec(names, "1.0.1", "v1"));
    }
    if (wanted(only, "content")) {
      converge("content", 3, () -> rig.fleet().patchSpec(names, "1.0.1", "v2"));
    }
    if (wanted(only, "steady")) {
      steady(steady);
    }
    if (wanted(only, "restart")) {
      restart();
    }
    if (wanted(only, "latency")) {
      latency(latencySamples);
    }
    return results;
  }

  /** {@code --only PHASE} still creates the fleet first: every phase needs it. */
  private static boolean wanted(String only, String phase) {
    return only == null || only.equals(phase) || phase.equals("create");
  }

  private interface Apply {
    void run() throws Exception;
  }

  /**
   * Applies (the resources' {@code generation}-th spec), then waits through the watch until every
   * resource is Ready for that generation.
   */
  private void converge(String phase, long generation, Apply apply) throws Exception {
    rig.watch().goal(r -> r.getMetadata().getGeneration() >= generation && WorkflowWatch.ready(r));
    Snapshot before = snapshot();
    long start = System.nanoTime();
    apply.run();
    int failed = rig.watch().await(names, Duration.ofSeconds(120 + size));
    double seconds = (rig.watch().lastMetAt(names) - start) / 1e9;
    Snapshot after = snapshot();
    record(
        result(
            phase,
            size,
            failed == 0 ? seconds : null,
            size / CREATE_RATE,
            failed,
            before,
            after,
            null,
            Map.of()));
  }

  private void steady(Duration window) throws Exception {
    Snapshot before = snapshot();
    Thread.sleep(window.toMillis());
    Snapshot after = snapshot();
    Map<String, Long> calls = EmulatorCalls.delta(before.calls(), after.calls());
    double intervals = window.toMillis() / (double) DRIFT_INTERVAL.toMillis();
    long reads = EmulatorCalls.reads(calls);
    long awsWrites = EmulatorCalls.writes(calls);
    Map<String, Double> extra = new LinkedHashMap<>();
    extra.put("windowSeconds", window.toMillis() / 1e3);
    extra.put("readsPerResourcePerInterval", reads / (size * intervals));
    extra.put("awsWrites", (double) awsWrites);
    double heap = rig.operator().heapAfterFullGcBytes() / 1048576.0;
    record(result("steady", size, null, null, 0, before, after, heap, extra));
  }

  /**
   * Graceful restarts (SIGTERM, as a rolling update): {@link #QUICK_STARTS} stopped again at their
   * first reconcile, then one after which every resource is checked once. Start-up is the median of
   * all of them: one start on a shared 2-core machine varies by a second.
   */
  private void restart() throws Exception {
    List<FirstReconcile> starts = new ArrayList<>();
    for (int i = 0; i < QUICK_STARTS; i++) {
      rig.operator().stop();
      starts.add(firstReconcile(rig.restartOperator(), Duration.ofSeconds(120)));
    }
    rig.operator().stop();
    Snapshot before =
        new Snapshot(
            rig.emulator().counters(),
            ApiServerWrites.read(rig.admin()),
            rig.fleet().writes(),
            rig.emulator().builds().size(),
            0);
    OperatorProcess operator = rig.restartOperator();
    long deadline = System.nanoTime() + Duration.ofSeconds(120 + size).toNanos();
    starts.add(firstReconcile(operator, Duration.ofSeconds(120)));
    int verified = 0;
    while (System.nanoTime() < deadline) {
      verified = (int) operator.resourcesReadFromAws();
      if (verified >= size) {
        break;
      }
      Thread.sleep(100);
    }
    double seconds = (System.nanoTime() - operator.startedNanos()) / 1e9;
    Snapshot after = snapshot();
    double[] wall = sorted(starts, FirstReconcile::seconds);
    Map<String, Double> extra = new LinkedHashMap<>();
    extra.put("startToFirstReconcileSeconds", wall[wall.length / 2]);
    extra.put("startToFirstReconcileMinSeconds", wall[0]);
    extra.put("startToFirstReconcileMaxSeconds", wall[wall.length - 1]);
    // what start-up costs the operator itself, whatever else the machine runs
    extra.put(
        "cpuSecondsToFirstReconcile",
        sorted(starts, FirstReconcile::cpuSeconds)[starts.size() / 2]);
    record(
        result(
            "restart",
            size,
            verified >= size ? seconds : null,
            size / READ_RATE,
            Math.max(0, size - verified),
            before,
            after,
            null,
            extra));
  }

  private static double[] sorted(List<FirstReconcile> starts, ToDoubleFunction<FirstReconcile> f) {
    return starts.stream().mapToDouble(f).sorted().toArray();
  }

  private static FirstReconcile firstReconcile(OperatorProcess operator, Duration timeout)
      throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (System.nanoTime() < deadline) {
      Optional<FirstReconcile> first = operator.firstReconcile();
      if (first.isPresent()) {
        return first.get();
      }
      Thread.sleep(50);
    }
    throw new IllegalStateException("no reconcile within " + timeout + " of the operator's start");
  }

  /** Single resources applied one at a time: apply → Ready, less the emulator's latency. */
  private void latency(int samples) throws Exception {
    List<String> singles = Fleet.names("single", samples);
    rig.watch().goal(WorkflowWatch::ready);
    Snapshot before = snapshot();
    double[] millis = new double[samples];
    int failed = 0;
    for (int i = 0; i < samples; i++) {
      long start = System.nanoTime();
      rig.fleet().create(List.of(singles.get(i)), "1.0.0", "single");
      if (rig.watch().await(List.of(singles.get(i)), Duration.ofSeconds(60)) > 0) {
        failed++;
      }
      millis[i] = (rig.watch().metAt(singles.get(i)).orElse(System.nanoTime()) - start) / 1e6;
    }
    Snapshot after = snapshot();
    // the create path's calls as the create phase measured them: drift checks of the fleet run
    // meanwhile, so this phase's own counts are not the singles' alone
    double emulatorMillis = createPathCalls * LATENCY_MILLIS;
    Arrays.sort(millis);
    Map<String, Double> extra = new LinkedHashMap<>();
    extra.put("emulatorLatencyMillisPerResource", emulatorMillis);
    extra.put("p50BeyondEmulatorMillis", percentile(millis, 0.50) - emulatorMillis);
    extra.put("p99BeyondEmulatorMillis", percentile(millis, 0.99) - emulatorMillis);
    record(result("latency", samples, null, null, failed, before, after, null, extra));
  }

  private void record(PhaseResult result) {
    results.add(result);
    if (result.phase().equals("create")) {
      createPathCalls = result.awsCallsPerResource();
    }
    System.out.print(BenchTable.row(result));
  }

  static double percentile(double[] sorted, double p) {
    return sorted[Math.min(sorted.length - 1, (int) Math.ceil(p * sorted.length) - 1)];
  }

  private PhaseResult result(
      String phase,
      int resources,
      Double seconds,
      Double floor,
      int failed,
      Snapshot before,
      Snapshot after,
      Double heapMiB,
      Map<String, Double> phaseFigures) {
    Map<String, Long> calls = EmulatorCalls.delta(before.calls(), after.calls());
    long throttled = EmulatorCalls.throttled(before.calls(), after.calls());
    long newBuilds = after.builds() - before.builds();
    ApiServerWrites writes = after.writes().minus(before.writes());
    long operatorWorkflowWrites = writes.workflows() - (after.fleetWrites() - before.fleetWrites());
    Map<String, Long> other = new TreeMap<>(writes.byResource());
    // the API server's own endpoint bookkeeping is no one's load
    other.keySet().removeIf(k -> k.startsWith("imagebuilderworkflows") || k.startsWith("endpoint"));
    Map<String, Double> extra = new LinkedHashMap<>(phaseFigures);
    extra.put("load1", Machine.load());
    return new PhaseResult(
        phase,
        resources,
        seconds,
        floor,
        failed,
        rig.watch().stalledCount(names),
        calls,
        throttled,
        newBuilds,
        newBuilds == 0 ? null : calls.getOrDefault("CreateWorkflow", 0L) / (double) newBuilds,
        operatorWorkflowWrites / (double) resources,
        other,
        after.cpu() - before.cpu(),
        rig.operator().peakRssBytes() / 1048576.0,
        heapMiB,
        extra);
  }
}
