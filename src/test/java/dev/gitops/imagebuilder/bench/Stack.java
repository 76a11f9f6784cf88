package dev.gitops.imagebuilder.bench;

import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * What a benchmark or chaos run stands on: an admin client of the test cluster, a namespace with
 * the CRD installed, the emulator process, the operator process(es), one watch and the fleet
 * applier.
 */
final class Stack implements AutoCloseable {
  static final Path CRD = Path.of("crds/imagebuilderworkflows.imagebuilder.gitops.dev-v1.yml");

  private final Path kubeconfig;
  private final KubernetesClient admin;
  private final String namespace;
  private final Path outputDir;
  private final EmulatorProcess emulator;
  private final WorkflowWatch watch;
  private final Fleet fleet;
  private final List<OperatorProcess> operators = new ArrayList<>();
  private Map<String, String> settings = Map.of();
  private List<String> jvmOptions = List.of();
  private int started;

  Stack(Path kubeconfig, String namespace, Path outputDir) throws IOException {
    this.kubeconfig = kubeconfig;
    this.namespace = namespace;
    this.outputDir = outputDir;
    Files.createDirectories(outputDir);
    admin =
        new KubernetesClientBuilder()
            .withConfig(Config.fromKubeconfig(Files.readString(kubeconfig)))
            .build();
    installCrd();
    admin
        .namespaces()
        .resource(
            new NamespaceBuilder().withNewMetadata().withName(namespace).endMetadata().build())
        .create();
    emulator = EmulatorProcess.start(outputDir.resolve(namespace + "-emulator.log"));
    watch = new WorkflowWatch(admin, namespace);
    fleet = new Fleet(admin, namespace);
  }

  private void installCrd() throws IOException {
    var crds = admin.apiextensions().v1().customResourceDefinitions();
    CustomResourceDefinition crd;
    try (InputStream in = Files.newInputStream(CRD)) {
      crd = crds.load(in).item();
    }
    crds.resource(crd).forceConflicts().serverSideApply();
    crds.withName(crd.getMetadata().getName())
        .waitUntilCondition(
            c ->
                c != null
                    && c.getStatus() != null
                    && c.getStatus().getConditions().stream()
                        .anyMatch(
                            x -> "Established".equals(x.getType()) && "True".equals(x.getStatus())),
            60,
            TimeUnit.SECONDS);
  }

  /** Settings and JVM options for every operator started from now on. */
  void operatorSettings(Map<String, String> newSettings, List<String> newJvmOptions) {
    settings = Map.copyOf(newSettings);
    jvmOptions = List.copyOf(newJvmOptions);
  }

  /** Starts one more operator replica (they share the Lease). */
  OperatorProcess startOperator() throws IOException, InterruptedException {
    started++;
    List<String> jvm = new ArrayList<>();
    jvmOptions.forEach(o -> jvm.add(o.replace("{n}", Integer.toString(started))));
    OperatorProcess operator =
        OperatorProcess.start(
            kubeconfig,
            namespace,
            emulator,
            settings,
            jvm,
            outputDir.resolve(namespace + "-operator-" + started + ".log"));
    operators.add(operator);
    return operator;
  }

  /** The replica started last. */
  OperatorProcess operator() {
    return operators.get(operators.size() - 1);
  }

  List<OperatorProcess> operators() {
    return List.copyOf(operators);
  }

  /** Stops none; forgets the dead ones and starts a new replica. */
  OperatorProcess restartOperator() throws IOException, InterruptedException {
    operators.removeIf(o -> !o.isAlive());
    return startOperator();
  }

  KubernetesClient admin() {
    return admin;
  }

  String namespace() {
    return namespace;
  }

  Path kubeconfig() {
    return kubeconfig;
  }

  EmulatorProcess emulator() {
    return emulator;
  }

  WorkflowWatch watch() {
    return watch;
  }

  Fleet fleet() {
    return fleet;
  }

  Path outputDir() {
    return outputDir;
  }

  @Override
  public void close() throws Exception {
    for (OperatorProcess operator : operators) {
      operator.close();
    }
    watch.close();
    fleet.close();
    emulator.close();
    admin.close();
  }
}
