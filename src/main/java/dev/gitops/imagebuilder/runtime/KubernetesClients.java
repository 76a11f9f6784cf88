package dev.gitops.imagebuilder.runtime;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;

/**
 * The operator's Kubernetes client: Fabric8's defaults (kubeconfig or in-cluster) with gzip reads
 * ({@link CompressedReads}) and without {@code metadata.managedFields}.
 *
 * <p>The operator never looks at field managers, yet they are a third of every object the server
 * sends (one entry per writer, each a tree of field names). Skipping them while parsing keeps them
 * out of the informer caches and off the start-up path. Writes are unaffected: an update without
 * managedFields leaves the server's record as it is, and the operator's patches never carry them.
 */
public final class KubernetesClients {
  private KubernetesClients() {}

  public static KubernetesClientBuilder builder() {
    return new KubernetesClientBuilder()
        .withKubernetesSerialization(serialization())
        .withHttpClientBuilderConsumer(
            http -> http.addOrReplaceInterceptor(CompressedReads.NAME, new CompressedReads()));
  }

  static KubernetesSerialization serialization() {
    ObjectMapper mapper = new ObjectMapper().addMixIn(ObjectMeta.class, WithoutManagedFields.class);
    return new KubernetesSerialization(mapper, true);
  }

  @JsonIgnoreProperties("managedFields")
  private abstract static class WithoutManagedFields {}
}
