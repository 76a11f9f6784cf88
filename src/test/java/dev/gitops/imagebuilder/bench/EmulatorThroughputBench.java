package dev.gitops.imagebuilder.bench;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import dev.gitops.imagebuilder.emulator.EmulatorClients;
import dev.gitops.imagebuilder.emulator.EmulatorOptions;
import dev.gitops.imagebuilder.emulator.ImageBuilderEmulator;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.services.imagebuilder.ImagebuilderClient;
import software.amazon.awssdk.services.imagebuilder.model.WorkflowType;

/**
 * Throughput of the emulator for CreateWorkflow + GetWorkflow pairs driven through the real SDK
 * client from N threads for a bounded time, in one JVM (the SDK's signing and marshalling share the
 * CPU with the server). Usage: {@code EmulatorThroughputBench [threads=4] [seconds=15]
 * [warmupSeconds=5]}.
 */
public final class EmulatorThroughputBench {

  private static final String DOCUMENT =
      "schemaVersion: 1.0\nsteps:\n  - name: Launch\n    action: LaunchInstance\n";

  private record Samples(long[] createNanos, int creates, long[] getNanos, int gets) {}

  private EmulatorThroughputBench() {}

  public static void main(String[] args) throws Exception {
    ((Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME)).setLevel(Level.WARN);
    int threads = args.length > 0 ? Integer.parseInt(args[0]) : 4;
    int seconds = args.length > 1 ? Integer.parseInt(args[1]) : 15;
    int warmup = args.length > 2 ? Integer.parseInt(args[2]) : 5;
    try (ImageBuilderEmulator emu =
            ImageBuilderEmulator.start(
                EmulatorOptions.defaults().withMaxBuildVersions(Integer.MAX_VALUE));
        ImagebuilderClient client = EmulatorClients.imagebuilder(emu, "us-east-1", false)) {
      run(client, threads, warmup, "warmup");
      CpuTime before = CpuTime.now();
      long start = System.nanoTime();
      List<Samples> samples = run(client, threads, seconds, "measured");
      double elapsed = (System.nanoTime() - start) / 1e9;
      report(samples, threads, elapsed, CpuTime.now().minus(before));
    }
  }

  private static List<Samples> run(
      ImagebuilderClient client, int threads, int seconds, String phase) throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    try {
      long deadline = System.nanoTime() + seconds * 1_000_000_000L;
      List<Future<Samples>> futures = new ArrayList<>();
      for (int t = 0; t < threads; t++) {
        String name = phase + "-thread-" + t;
        futures.add(pool.submit(() -> drive(client, name, deadline)));
      }
      List<Samples> all = new ArrayList<>();
      for (Future<Samples> f : futures) {
        all.add(f.get());
      }
      return all;
    } finally {
      pool.shutdownNow();
    }
  }

  private static Samples drive(ImagebuilderClient client, String name, long deadline) {
    long[] creates = new long[1 << 16];
    long[] gets = new long[1 << 16];
    int n = 0;
    while (System.nanoTime() < deadline && n < creates.length) {
      int patch = n;
      long t0 = System.nanoTime();
      String arn =
          client
              .createWorkflow(
                  r ->
                      r.name(name)
                          .semanticVersion("1.0." + patch)
                          .type(WorkflowType.BUILD)
                          .data(DOCUMENT))
              .workflowBuildVersionArn();
      long t1 = System.nanoTime();
      client.getWorkflow(r -> r.workflowBuildVersionArn(arn));
      long t2 = System.nanoTime();
      creates[n] = t1 - t0;
      gets[n] = t2 - t1;
      n++;
    }
    return new Samples(creates, n, gets, n);
  }

  /**
   * CPU seconds of the whole process and of the emulator's server threads (pool + HttpServer
   * dispatcher).
   */
  private record CpuTime(double process, double server) {
    static CpuTime now() {
      ThreadMXBean threads = ManagementFactory.getThreadMXBean();
      double server = 0;
      for (ThreadInfo info : threads.getThreadInfo(threads.getAllThreadIds())) {
        if (info != null
            && (info.getThreadName().startsWith("imagebuilder-emulator-")
                || info.getThreadName().startsWith("HTTP-Dispatcher"))) {
          server += Math.max(0, threads.getThreadCpuTime(info.getThreadId())) / 1e9;
        }
      }
      double process =
          ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
                  .getProcessCpuTime()
              / 1e9;
      return new CpuTime(process, server);
    }

    CpuTime minus(CpuTime earlier) {
      return new CpuTime(process - earlier.process, server - earlier.server);
    }
  }

  private static void report(List<Samples> samples, int threads, double elapsed, CpuTime cpu) {
    long[] creates = merge(samples, true);
    long[] gets = merge(samples, false);
    int requests = creates.length + gets.length;
    System.out.printf(
        "threads=%d elapsed=%.1fs requests=%d throughput=%.0f req/s (CreateWorkflow+GetWorkflow),"
            + " cores=%d, load average at end=%.2f%n",
        threads,
        elapsed,
        creates.length + gets.length,
        (creates.length + gets.length) / elapsed,
        Runtime.getRuntime().availableProcessors(),
        ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
    System.out.printf(
        "cpu: process %.1fs (%.0f%% of %d cores), emulator threads %.1fs = %.0f us/request;"
            + " emulator capacity ~%.0f req/s per fully available core%n",
        cpu.process(),
        100 * cpu.process() / elapsed / Runtime.getRuntime().availableProcessors(),
        Runtime.getRuntime().availableProcessors(),
        cpu.server(),
        cpu.server() * 1e6 / requests,
        requests / cpu.server());
    print("CreateWorkflow", creates);
    print("GetWorkflow", gets);
  }

  private static long[] merge(List<Samples> samples, boolean creates) {
    return samples.stream()
        .flatMapToLong(
            s ->
                Arrays.stream(
                    creates ? s.createNanos() : s.getNanos(), 0, creates ? s.creates() : s.gets()))
        .sorted()
        .toArray();
  }

  private static void print(String operation, long[] sorted) {
    System.out.printf(
        "%-15s n=%d p50=%.2fms p90=%.2fms p99=%.2fms max=%.2fms%n",
        operation,
        sorted.length,
        percentile(sorted, 0.50),
        percentile(sorted, 0.90),
        percentile(sorted, 0.99),
        sorted.length == 0 ? 0 : sorted[sorted.length - 1] / 1e6);
  }

  private static double percentile(long[] sorted, double p) {
    return sorted.length == 0
        ? 0
        : sorted[(int) Math.min(sorted.length - 1, Math.floor(p * sorted.length))] / 1e6;
  }
}
