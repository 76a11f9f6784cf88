package dev.gitops.imagebuilder.status;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gitops.imagebuilder.api.ImageBuilderWorkflow;
import dev.gitops.imagebuilder.testing.KubeApiServerExtension;
import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Events recorded by many reconciles at once, on a real API server: each resource's events are its
 * own, and a repeated event is one Event whose count tells how often it happened.
 */
class EventRecorderIT {
  @RegisterExtension static final KubeApiServerExtension kube = new KubeApiServerExtension();

  private static final int RESOURCES = 40;
  private static final int REPEATS = 3;

  @Test
  void concurrentReconcilesRecordEveryEventAndCountEveryRepeat() throws Exception {
    EventRecorder recorder = new EventRecorder(Clock.systemUTC());
    List<ImageBuilderWorkflow> resources =
        IntStream.range(0, RESOURCES).mapToObj(i -> resource("flow-" + i, "uid-" + i)).toList();

    ExecutorService reconcilers = Executors.newFixedThreadPool(8);
    try {
      List<Future<?>> done = new ArrayList<>();
      // One task per resource, as JOSDK runs one reconcile per resource at a time.
      for (ImageBuilderWorkflow r : resources) {
        done.add(
            reconcilers.submit(
                () -> {
                  recorder.record(kube.client(), r, false, Reason.Created, "created build 1");
                  for (int i = 0; i < REPEATS; i++) {
                    recorder.record(kube.client(), r, true, Reason.DeleteBlocked, "in use");
                  }
                }));
      }
      for (Future<?> f : done) {
        f.get();
      }
    } finally {
      reconcilers.shutdownNow();
    }

    List<Event> events =
        kube.client().v1().events().inNamespace(kube.namespace()).list().getItems();
    Map<String, List<Event>> byResource =
        events.stream().collect(Collectors.groupingBy(e -> e.getInvolvedObject().getName()));
    assertThat(byResource).hasSize(RESOURCES);
    for (ImageBuilderWorkflow r : resources) {
      Map<String, Integer> counts =
          byResource.get(r.getMetadata().getName()).stream()
              .peek(
                  e ->
                      assertThat(e.getInvolvedObject().getUid())
                          .isEqualTo(r.getMetadata().getUid()))
              .collect(Collectors.toMap(Event::getReason, Event::getCount));
      assertThat(counts)
          .as(r.getMetadata().getName())
          .isEqualTo(Map.of("Created", 1, "DeleteBlocked", REPEATS));
    }
  }

  private static ImageBuilderWorkflow resource(String name, String uid) {
    ImageBuilderWorkflow r = new ImageBuilderWorkflow();
    r.setMetadata(
        new ObjectMetaBuilder()
            .withName(name)
            .withUid(uid)
            .withNamespace(kube.namespace())
            .build());
    return r;
  }
}
