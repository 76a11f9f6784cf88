package dev.gitops.imagebuilder.bench;

import dev.gitops.imagebuilder.api.ImageBuilderWorkflow;
import dev.gitops.imagebuilder.api.ImageBuilderWorkflowSpec;
import dev.gitops.imagebuilder.api.WorkflowType;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import java.util.stream.IntStream;

/**
 * Resources applied the way Argo CD syncs an application: all at once, in parallel chunks. Counts
 * its own writes, so the API server's figures can be split into the harness's and the operator's.
 */
final class Fleet implements AutoCloseable {
  /** Argo CD applies with a bounded number of parallel kubectl calls. */
  private static final int PARALLEL = 8;

  private final KubernetesClient client;
  private final String namespace;
  private final ExecutorService appliers = Executors.newFixedThreadPool(PARALLEL);
  private final AtomicLong writes = new AtomicLong();

  Fleet(KubernetesClient client, String namespace) {
    this.client = client;
    this.namespace = namespace;
  }

  static List<String> names(String prefix, int count) {
    return IntStream.rangeClosed(1, count)
        .mapToObj(i -> String.format("%s-%05d", prefix, i))
        .toList();
  }

  /** The workflow document; {@code marker} makes its content distinct. */
  static String document(String marker) {
    return "name: flow\ndescription: "
        + marker
        + "\nschemaVersion: 1.0\nsteps:\n"
        + "  - name: Launch\n    action: LaunchBuildInstance\n    onFailure: Abort\n";
  }

  static ImageBuilderWorkflow workflow(String name, String version, String marker) {
    ImageBuilderWorkflowSpec spec = new ImageBuilderWorkflowSpec();
    spec.setName(name + "-flow");
    spec.setType(WorkflowType.BUILD);
    spec.setSemanticVersion(version);
    spec.setData(document(marker));
    ImageBuilderWorkflow resource = new ImageBuilderWorkflow();
    resource.setMetadata(new ObjectMetaBuilder().withName(name).build());
    resource.setSpec(spec);
    return resource;
  }

  void create(List<String> names, String version, String marker) throws InterruptedException {
    inParallel(
        names,
        name -> {
          client.resource(workflow(name, version, marker)).inNamespace(namespace).create();
          writes.incrementAndGet();
        });
  }

  /** One merge patch of the spec per resource (a new generation), as a sync of a commit. */
  void patchSpec(List<String> names, String version, String marker) throws InterruptedException {
    inParallel(names, name -> patchSpec(name, version, marker));
  }

  void patchSpec(String name, String version, String marker) {
    String patch =
        String.format(
            "{\"spec\":{\"semanticVersion\":\"%s\",\"data\":%s}}",
            version, quote(document(marker)));
    client
        .resources(ImageBuilderWorkflow.class)
        .inNamespace(namespace)
        .withName(name)
        .patch(PatchContext.of(PatchType.JSON_MERGE), patch);
    writes.incrementAndGet();
  }

  private static String quote(String text) {
    return "\"" + text.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n") + "\"";
  }

  private void inParallel(List<String> names, Consumer<String> apply) throws InterruptedException {
    List<Future<?>> done = new ArrayList<>();
    int chunk = Math.max(1, (names.size() + PARALLEL - 1) / PARALLEL);
    for (int from = 0; from < names.size(); from += chunk) {
      List<String> part = names.subList(from, Math.min(names.size(), from + chunk));
      done.add(appliers.submit(() -> part.forEach(apply)));
    }
    for (Future<?> f : done) {
      try {
        f.get();
      } catch (ExecutionException e) {
        throw new IllegalStateException("applying resources failed", e.getCause());
      }
    }
  }

  /** Writes this fleet has sent to the API server so far. */
  long writes() {
    return writes.get();
  }

  @Override
  public void close() {
    appliers.shutdownNow();
  }
}
