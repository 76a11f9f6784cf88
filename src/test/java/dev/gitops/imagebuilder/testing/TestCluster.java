package dev.gitops.imagebuilder.testing;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A running etcd + kube-apiserver pair made by {@code scripts/test-cluster}: its admin kubeconfig
 * and kubectl.
 */
record TestCluster(Path kubeconfig, Path kubectl) {

  /**
   * The script's state directory holds the kubeconfig next to a kubectl link and a {@code
   * test-cluster} marker.
   */
  static TestCluster besideKubeconfig(Path kubeconfig) {
    return new TestCluster(kubeconfig, kubeconfig.resolveSibling("kubectl"));
  }

  /**
   * True when {@code kubeconfig} was written by {@code scripts/test-cluster} (never reuse a real
   * cluster).
   */
  static boolean isTestClusterKubeconfig(Path kubeconfig) {
    return Files.isRegularFile(kubeconfig)
        && Files.isRegularFile(kubeconfig.resolveSibling("test-cluster"));
  }
}
