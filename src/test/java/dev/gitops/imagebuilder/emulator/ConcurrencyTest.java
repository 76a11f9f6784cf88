package dev.gitops.imagebuilder.emulator;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.IntFunction;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.services.imagebuilder.model.CreateWorkflowRequest;
import software.amazon.awssdk.services.imagebuilder.model.WorkflowSummary;

class ConcurrencyTest {

  private static final int THREADS = 8;

  @RegisterExtension static final EmulatorFixture fx = new EmulatorFixture();

  @Test
  void eightThreadsWithTheSameClientTokenCreateExactlyOneBuild() throws Exception {
    CreateWorkflowRequest request =
        SampleWorkflows.create("race", "1.0.0").clientToken("same-token").build();

    List<String> arns = race(i -> request);

    assertThat(arns).hasSize(THREADS).containsOnly(fx.arn("build/race/1.0.0/1"));
    assertThat(fx.emu.builds()).hasSize(1);
    assertThat(fx.emu.counters().get("CreateWorkflow", Counters.OK)).isEqualTo(THREADS);
  }

  @Test
  void eightThreadsWithDifferentConfigurationsGetDistinctBuildNumbers() throws Exception {
    List<String> arns =
        race(i -> SampleWorkflows.create("race", "1.0.0").description("config " + i).build());

    assertThat(arns).doesNotHaveDuplicates();
    assertThat(
            fx.client
                .listWorkflowBuildVersions(r -> r.workflowVersionArn(fx.arn("build/race/1.0.0")))
                .workflowSummaryList())
        .extracting(WorkflowSummary::arn)
        .containsExactly( // oldest first
            fx.arn("build/race/1.0.0/1"),
            fx.arn("build/race/1.0.0/2"),
            fx.arn("build/race/1.0.0/3"),
            fx.arn("build/race/1.0.0/4"),
            fx.arn("build/race/1.0.0/5"),
            fx.arn("build/race/1.0.0/6"),
            fx.arn("build/race/1.0.0/7"),
            fx.arn("build/race/1.0.0/8"));
  }

  private static List<String> race(IntFunction<CreateWorkflowRequest> requests) throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(THREADS);
    try {
      CountDownLatch start = new CountDownLatch(1);
      List<Future<String>> futures = new ArrayList<>();
      for (int i = 0; i < THREADS; i++) {
        CreateWorkflowRequest request = requests.apply(i);
        Callable<String> call =
            () -> {
              start.await();
              return fx.noRetries.createWorkflow(request).workflowBuildVersionArn();
            };
        futures.add(pool.submit(call));
      }
      start.countDown();
      List<String> arns = new ArrayList<>();
      for (Future<String> f : futures) {
        arns.add(f.get());
      }
      return arns;
    } finally {
      pool.shutdownNow();
    }
  }
}
