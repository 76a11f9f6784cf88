package dev.gitops.imagebuilder.it;

import dev.gitops.imagebuilder.emulator.EmulatorOptions;
import dev.gitops.imagebuilder.emulator.ImageBuilderEmulator;
import dev.gitops.imagebuilder.testing.DeployRbac;
import dev.gitops.imagebuilder.testing.KubeApiServerExtension;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.time.Duration;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * One emulator and one in-process operator per test class, on the class's namespace of the real API
 * server. The operator acts as deploy/'s ServiceAccount with deploy/'s RBAC and nothing more, so
 * every scenario using this extension also proves those permissions suffice. Register it after the
 * {@link KubeApiServerExtension} it uses ({@code @Order} on both fields).
 */
final class OperatorExtension implements BeforeAllCallback, AfterAllCallback {
  private final KubeApiServerExtension kube;
  private final Duration driftInterval;
  private final double callsPerSecond;
  private final Set<String> moreNamespaces;
  private ImageBuilderEmulator emu;
  private KubernetesClient asOperator;
  private OperatorRun operator;
  private Workflows workflows;

  OperatorExtension(KubeApiServerExtension kube) {
    this(kube, Duration.ofMinutes(10), 50);
  }

  OperatorExtension(KubeApiServerExtension kube, Duration driftInterval, double callsPerSecond) {
    this(kube, driftInterval, callsPerSecond, Set.of());
  }

  /** Watching {@code moreNamespaces} too (the test creates them). */
  OperatorExtension(KubeApiServerExtension kube, Set<String> moreNamespaces) {
    this(kube, Duration.ofMinutes(10), 50, moreNamespaces);
  }

  private OperatorExtension(
      KubeApiServerExtension kube,
      Duration driftInterval,
      double callsPerSecond,
      Set<String> moreNamespaces) {
    this.kube = kube;
    this.driftInterval = driftInterval;
    this.callsPerSecond = callsPerSecond;
    this.moreNamespaces = moreNamespaces;
  }

  @Override
  public void beforeAll(ExtensionContext context) {
    Workflows.installCrds(kube);
    DeployRbac.apply(kube.client(), DeployRbac.objects(kube.client()));
    asOperator = kube.impersonating(DeployRbac.NAMESPACE, DeployRbac.ACCOUNT);
    DeployRbac.awaitAuthorized(asOperator, kube.namespace());
    emu = ImageBuilderEmulator.start(EmulatorOptions.defaults());
    operator =
        new OperatorRun(
            asOperator, emu, OperatorRun.config(emu, watched(), driftInterval, callsPerSecond));
    workflows = new Workflows(kube.client(), kube.namespace());
  }

  @Override
  public void afterAll(ExtensionContext context) {
    try {
      if (operator != null) {
        operator.close();
      }
    } finally {
      if (emu != null) {
        emu.close();
      }
    }
  }

  private Set<String> watched() {
    Set<String> namespaces = new TreeSet<>(moreNamespaces);
    namespaces.add(kube.namespace());
    return namespaces;
  }

  ImageBuilderEmulator emu() {
    return emu;
  }

  OperatorRun operator() {
    return operator;
  }

  Workflows workflows() {
    return workflows;
  }

  /**
   * Stops the operator; {@link #start()} runs a fresh one (no memory) against the same API server
   * and AWS.
   */
  void stop() {
    operator.close();
  }

  void start() {
    operator = new OperatorRun(asOperator, emu, operator.config);
  }
}
