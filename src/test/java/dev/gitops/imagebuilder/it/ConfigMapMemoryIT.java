package dev.gitops.imagebuilder.it;

import static dev.gitops.imagebuilder.it.Workflows.document;
import static dev.gitops.imagebuilder.it.Workflows.workflow;
import static org.assertj.core.api.Assertions.assertThat;

import dev.gitops.imagebuilder.api.ImageBuilderWorkflow;
import dev.gitops.imagebuilder.testing.KubeApiServerExtension;
import java.lang.management.ManagementFactory;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The operator caches only ConfigMaps labelled as workflow documents: 2,000 other ConfigMaps (8 KiB
 * each, 16 MiB in all) leave its heap as it was. Prints the figure.
 */
class ConfigMapMemoryIT {
  private static final int UNRELATED = 2_000;
  private static final int BYTES_EACH = 8 * 1024;

  @RegisterExtension
  @Order(1)
  static final KubeApiServerExtension kube = new KubeApiServerExtension();

  @RegisterExtension
  @Order(2)
  static final OperatorExtension aws = new OperatorExtension(kube);

  final Workflows workflows = aws.workflows();

  @Test
  void unrelatedConfigMapsDoNotGrowTheOperatorsMemory() throws Exception {
    documentAndResource("before");
    workflows.awaitReady("before", "True", "Created");
    long heapBefore = heapAfterGc();

    String filler = "x".repeat(BYTES_EACH);
    ExecutorService pool = Executors.newFixedThreadPool(8);
    try {
      IntStream.range(0, UNRELATED)
          .mapToObj(
              i ->
                  pool.submit(
                      () -> workflows.createConfigMap("unrelated-" + i, "blob", filler, false)))
          .toList()
          .forEach(
              f -> {
                try {
                  f.get();
                } catch (Exception e) {
                  throw new IllegalStateException(e);
                }
              });
    } finally {
      pool.shutdown();
      pool.awaitTermination(1, TimeUnit.MINUTES);
    }
    // Created after the 2,000: an unfiltered watch would have delivered them all before this one.
    documentAndResource("after");
    workflows.awaitReady("after", "True", "Created");
    long heapAfter = heapAfterGc();

    long growth = heapAfter - heapBefore;
    long unrelatedBytes = (long) UNRELATED * BYTES_EACH;
    System.out.printf(
        "operator heap after GC: %.1f MiB before, %.1f MiB after %d unrelated ConfigMaps"
            + " (%.1f MiB of data): growth %.1f MiB%n",
        mib(heapBefore), mib(heapAfter), UNRELATED, mib(unrelatedBytes), mib(growth));
    assertThat(growth).isLessThan(unrelatedBytes / 4);
  }

  private void documentAndResource(String name) {
    workflows.createConfigMap(name + "-doc", "build.yaml", document(name), true);
    ImageBuilderWorkflow resource = workflow(name, name + "-flow", "1.0.0", null);
    resource.getSpec().setDataFrom(Workflows.fromConfigMap(name + "-doc", "build.yaml"));
    workflows.create(resource);
  }

  private static long heapAfterGc() throws InterruptedException {
    long used = Long.MAX_VALUE;
    for (int i = 0; i < 3; i++) {
      System.gc();
      TimeUnit.MILLISECONDS.sleep(200);
      used = Math.min(used, ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed());
    }
    return used;
  }

  private static double mib(long bytes) {
    return bytes / (1024.0 * 1024.0);
  }
}
