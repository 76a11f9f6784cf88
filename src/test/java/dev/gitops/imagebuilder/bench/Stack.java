package dev.gitops.imagebuilder.bench;

import dev.gitops.imagebuilder.testing.DeployRbac;
import dev.gitops.imagebuilder.testing.KubeApiServerExtension;
import dev.gitops.imagebuilder.testing.TokenKubeconfig;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.api.model.authentication.TokenRequestBuilder;
import io.fabric8.kubernetes.api.model.rbac.ClusterRoleBinding;
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
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * What a benchmark or chaos run stands on: an admin client of the test cluster, a namespace with
 * the CRDs installed, the emulator process, the operator process(es), one watch and the fleet
 * applier. The operators authenticate as a pod of the Deployment would: with a bound token of
 * deploy/'s ServiceAccount, authorized by deploy/'s RBAC only (set up in the namespace, as if the
 * operator were deployed there).
 */
final class Stack implements AutoCloseable {
  static final List<Path> CRDS =
      List.of(
          Path.of("crds/imagebuilderworkflows.imagebuilder.gitops.dev-v1.yml"),
          Path.of("crds/imagebuilderaccounts.imagebuilder.gitops.dev-v1.yml"));

  private static final long TOKEN_SECONDS = TimeUnit.HOURS.toSeconds(24);

  private final Path kubeconfig;
  private final KubernetesClient admin;
  private final List<HasMetadata> operatorRbac;
  private final Path operatorKubeconfig;
  private final String namespace;
  private final Path outputDir;
  private final EmulatorProcess emulator;
  private final WorkflowWatch watch;
  private final Fleet fleet;
  private final List<OperatorProcess> operators = new CopyOnWriteArrayList<>();
  private final AtomicInteger started = new AtomicInteger();
  private final AtomicInteger ownExits = new AtomicInteger();
  private volatile boolean closing;
  private Map<String, String> settings = Map.of();
  private List<String> jvmOptions = List.of();

  Stack(Path kubeconfig, String namespace, Path outputDir) throws IOException {
    this.kubeconfig = kubeconfig;
    this.namespace = namespace;
    this.outputDir = outputDir;
    Files.createDirectories(outputDir);
    admin =
        new KubernetesClientBuilder()
            .withConfig(Config.fromKubeconfig(Files.readString(kubeconfig)))
            .build();
    for (Path crd : CRDS) {
      installCrd(crd);
    }
    admin
        .namespaces()
        .resource(
            new NamespaceBuilder().withNewMetadata().withName(namespace).endMetadata().build())
        .create();
    operatorRbac = DeployRbac.inNamespace(DeployRbac.objects(admin), namespace);
    DeployRbac.apply(admin, operatorRbac);
    operatorKubeconfig = writeOperatorKubeconfig();
    emulator = EmulatorProcess.start(outputDir.resolve(namespace + "-emulator.log"));
    // the processes it starts never outlive it, even when it is stopped before close()
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () -> ProcessHandle.current().descendants().forEach(ProcessHandle::destroy)));
    watch = new WorkflowWatch(admin, namespace);
    fleet = new Fleet(admin, namespace);
  }

  private void installCrd(Path file) throws IOException {
    var crds = admin.apiextensions().v1().customResourceDefinitions();
    CustomResourceDefinition crd;
    try (InputStream in = Files.newInputStream(file)) {
      crd = crds.load(in).item();
    }
    crds.resource(crd).forceConflicts().serverSideApply();
    crds.withName(crd.getMetadata().getName())
        .waitUntilCondition(KubeApiServerExtension::isEstablished, 60, TimeUnit.SECONDS);
  }

  /**
   * A kubeconfig holding a bound token of the ServiceAccount, once its RBAC lets it list the
   * workflows.
   */
  private Path writeOperatorKubeconfig() throws IOException {
    String token =
        admin
            .serviceAccounts()
            .inNamespace(namespace)
            .withName(DeployRbac.ACCOUNT)
            .tokenRequest(
                new TokenRequestBuilder()
                    .withNewSpec()
                    .withExpirationSeconds(TOKEN_SECONDS)
                    .endSpec()
                    .build())
            .getStatus()
            .getToken();
    Path file =
        TokenKubeconfig.write(
            kubeconfig, token, outputDir.resolve(namespace + "-operator.kubeconfig"));
    try (KubernetesClient asOperator =
        new KubernetesClientBuilder()
            .withConfig(Config.fromKubeconfig(Files.readString(file)))
            .build()) {
      DeployRbac.awaitAuthorized(asOperator, namespace);
    }
    return file;
  }

  /** Settings and JVM options for every operator started from now on. */
  void operatorSettings(Map<String, String> newSettings, List<String> newJvmOptions) {
    settings = Map.copyOf(newSettings);
    jvmOptions = List.copyOf(newJvmOptions);
  }

  /**
   * Starts one more operator replica (they share the Lease). A replica that exits on its own (e.g.
   * after losing the Lease) is started again at once, as the kubelet restarts a container.
   */
  OperatorProcess startOperator() throws IOException, InterruptedException {
    int number = started.incrementAndGet();
    List<String> jvm = new ArrayList<>();
    jvmOptions.forEach(o -> jvm.add(o.replace("{n}", Integer.toString(number))));
    OperatorProcess operator =
        OperatorProcess.start(
            operatorKubeconfig,
            namespace,
            emulator,
            settings,
            jvm,
            outputDir.resolve(namespace + "-operator-" + number + ".log"));
    operators.add(operator);
    operator.onOwnExit(() -> restartAfterOwnExit(operator));
    return operator;
  }

  private void restartAfterOwnExit(OperatorProcess exited) {
    if (closing) {
      return;
    }
    ownExits.incrementAndGet();
    System.out.printf(
        "[stack] operator %s exited %d on its own; starting it again%n",
        exited.identity(), exited.exitCode());
    try {
      restartOperator();
    } catch (IOException | RuntimeException e) {
      System.out.println("[stack] could not start the operator again: " + e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** How many times a replica exited on its own and was started again. */
  int ownExits() {
    return ownExits.get();
  }

  /** The replica started last. */
  OperatorProcess operator() {
    return operators.get(operators.size() - 1);
  }

  List<OperatorProcess> operators() {
    return List.copyOf(operators);
  }

  /** Forgets the replicas that are no longer alive and starts a new one. */
  OperatorProcess restartOperator() throws IOException, InterruptedException {
    forgetDead();
    return startOperator();
  }

  void forgetDead() {
    operators.removeIf(o -> !o.isAlive());
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

  @Override
  public void close() throws Exception {
    closing = true;
    for (OperatorProcess operator : operators) {
      operator.close();
    }
    watch.close();
    fleet.close();
    emulator.close();
    operatorRbac.stream()
        .filter(ClusterRoleBinding.class::isInstance)
        .forEach(binding -> admin.resource(binding).delete());
    admin.close();
  }
}
