package dev.gitops.imagebuilder.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The one test cluster of this JVM. It reuses the pair KUBECONFIG points at when that is a running
 * {@code scripts/test-cluster} pair (as {@code scripts/test} arranges); otherwise (an IDE run) it
 * starts a private pair in a temporary state directory and stops it when closed or, failing that,
 * at JVM exit.
 */
final class SharedTestCluster implements AutoCloseable {

  private final TestCluster cluster;
  private final TestClusterScript owned;
  private final AtomicBoolean stopped = new AtomicBoolean();

  private SharedTestCluster(TestCluster cluster, TestClusterScript owned) {
    this.cluster = cluster;
    this.owned = owned;
  }

  static SharedTestCluster acquire() {
    Path script = TestClusterScript.locate();
    String kubeconfigEnv = System.getenv("KUBECONFIG");
    if (kubeconfigEnv != null && !kubeconfigEnv.isBlank()) {
      Path kubeconfig = Path.of(kubeconfigEnv);
      if (TestCluster.isTestClusterKubeconfig(kubeconfig)
          && new TestClusterScript(script, kubeconfig.getParent()).isRunning()) {
        return new SharedTestCluster(TestCluster.besideKubeconfig(kubeconfig), null);
      }
      System.err.println(
          "[test-cluster] KUBECONFIG="
              + kubeconfigEnv
              + " is not a running scripts/test-cluster pair; starting a private one");
    }
    return startPrivate(script);
  }

  private static SharedTestCluster startPrivate(Path script) {
    TestClusterScript owned = new TestClusterScript(script, newStateDir());
    SharedTestCluster shared = new SharedTestCluster(owned.up(), owned);
    Runtime.getRuntime().addShutdownHook(new Thread(shared::close, "test-cluster-down"));
    return shared;
  }

  private static Path newStateDir() {
    try {
      return Files.createTempDirectory("ibw-test-cluster-");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  TestCluster cluster() {
    return cluster;
  }

  @Override
  public void close() {
    if (owned != null && stopped.compareAndSet(false, true)) {
      owned.down();
    }
  }
}
