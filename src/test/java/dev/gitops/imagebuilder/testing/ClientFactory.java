package dev.gitops.imagebuilder.testing;

import dev.gitops.imagebuilder.runtime.KubernetesClients;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.nio.file.Path;

/**
 * Fabric8 clients for the test cluster, built as the operator builds its own: the admin of its
 * kubeconfig, or that admin acting as a ServiceAccount.
 */
final class ClientFactory {

  private final Path kubeconfig;

  ClientFactory(Path kubeconfig) {
    this.kubeconfig = kubeconfig;
  }

  /** The admin (group {@code system:masters}), with {@code namespace} as its default namespace. */
  KubernetesClient admin(String namespace) {
    return build(config(namespace));
  }

  /**
   * A client the API server authorizes exactly as the ServiceAccount: the admin certificate
   * authenticates, and the impersonation headers carry the user and groups a ServiceAccount token
   * would have.
   */
  KubernetesClient serviceAccount(String namespace, String saNamespace, String saName) {
    Config config = config(namespace);
    config.setImpersonateUsername("system:serviceaccount:" + saNamespace + ":" + saName);
    config.setImpersonateGroups(
        "system:serviceaccounts", "system:serviceaccounts:" + saNamespace, "system:authenticated");
    return build(config);
  }

  /**
   * A client authenticated by a bearer token only (e.g. from a TokenRequest), no client
   * certificate.
   */
  KubernetesClient bearerToken(String namespace, String token) {
    Config config = config(namespace);
    config.setClientCertData(null);
    config.setClientKeyData(null);
    config.setOauthToken(token);
    return build(config);
  }

  private Config config(String namespace) {
    Config config = Config.fromKubeconfig(kubeconfig.toFile());
    config.setNamespace(namespace);
    return config;
  }

  private static KubernetesClient build(Config config) {
    return KubernetesClients.builder().withConfig(config).build();
  }
}
