package dev.gitops.imagebuilder.runtime;

import io.fabric8.kubernetes.client.KubernetesClientBuilder;

/**
 * The operator's Kubernetes client: Fabric8's defaults (kubeconfig or in-cluster) with gzip reads
 * ({@link CompressedReads}).
 */
public final class KubernetesClients {
  private KubernetesClients() {}

  public static KubernetesClientBuilder builder() {
    return new KubernetesClientBuilder()
        .withHttpClientBuilderConsumer(
            http -> http.addOrReplaceInterceptor(CompressedReads.NAME, new CompressedReads()));
  }
}
