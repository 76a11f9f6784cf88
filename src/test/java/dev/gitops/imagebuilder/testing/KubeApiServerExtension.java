package dev.gitops.imagebuilder.testing;

import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Gives a test class a real kube-apiserver + etcd and a fresh namespace on it.
 *
 * <pre>
 * &#64;RegisterExtension static final KubeApiServerExtension kube = new KubeApiServerExtension();
 * </pre>
 *
 * <p>One server per test JVM: the running {@code scripts/test-cluster} pair KUBECONFIG points at
 * (what {@code scripts/test} sets up), else a private pair started through {@code
 * scripts/test-cluster up} and stopped when the JVM's tests end. The namespace is created before
 * the class's tests and deleted after them. There is no controller-manager: deleted namespaces stay
 * Terminating and nothing is garbage collected, which is fine because each class gets its own
 * namespace.
 */
public final class KubeApiServerExtension implements BeforeAllCallback, AfterAllCallback {

  private static final ExtensionContext.Namespace STORE =
      ExtensionContext.Namespace.create(KubeApiServerExtension.class);
  private static final long CRD_ESTABLISHED_SECONDS = 60;

  private final List<KubernetesClient> clients = new ArrayList<>();
  private TestCluster cluster;
  private ClientFactory clientFactory;
  private KubernetesClient admin;
  private String namespace;
  private int nesting;

  @Override
  public void beforeAll(ExtensionContext context) {
    // @Nested classes see the outer static extension again: they share the outer namespace
    if (nesting++ > 0) {
      return;
    }
    cluster =
        context
            .getRoot()
            .getStore(STORE)
            .getOrComputeIfAbsent(
                SharedTestCluster.class,
                key -> SharedTestCluster.acquire(),
                SharedTestCluster.class)
            .cluster();
    clientFactory = new ClientFactory(cluster.kubeconfig());
    String testClass = context.getRequiredTestClass().getSimpleName();
    namespace = TestNamespace.nameFor(testClass, UUID.randomUUID().toString().substring(0, 6));
    admin = track(clientFactory.admin(namespace));
    admin
        .namespaces()
        .resource(
            new NamespaceBuilder()
                .withNewMetadata()
                .withName(namespace)
                .addToAnnotations(
                    "test.gitops.dev/test-class", context.getRequiredTestClass().getName())
                .endMetadata()
                .build())
        .create();
  }

  @Override
  public void afterAll(ExtensionContext context) {
    if (--nesting > 0 || admin == null) {
      return; // an outer class's namespace, or beforeAll failed before there was one
    }
    try {
      admin.namespaces().withName(namespace).delete();
    } finally {
      clients.forEach(KubernetesClient::close);
      clients.clear();
      admin = null;
      namespace = null;
    }
  }

  /** An admin client whose default namespace is {@link #namespace()}. */
  public KubernetesClient client() {
    return requireStarted(admin);
  }

  /** This test class's namespace. */
  public String namespace() {
    return requireStarted(namespace);
  }

  /** The admin kubeconfig of the server (for processes and kubectl). */
  public Path kubeconfig() {
    return requireStarted(cluster).kubeconfig();
  }

  /** A kubectl of the server's version. */
  public Path kubectl() {
    return requireStarted(cluster).kubectl();
  }

  /** Creates or replaces the CRD in {@code crdYaml} and waits until the server serves it. */
  public void installCrd(Path crdYaml) {
    var crds = client().apiextensions().v1().customResourceDefinitions();
    CustomResourceDefinition crd;
    try (InputStream in = Files.newInputStream(crdYaml)) {
      crd = crds.load(in).item();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read CRD " + crdYaml, e);
    }
    crds.resource(crd).forceConflicts().serverSideApply();
    crds.withName(crd.getMetadata().getName())
        .waitUntilCondition(
            KubeApiServerExtension::isEstablished, CRD_ESTABLISHED_SECONDS, TimeUnit.SECONDS);
  }

  /**
   * A client the server authorizes as ServiceAccount {@code
   * serviceAccountNamespace/serviceAccountName} (which need not exist), with {@link #namespace()}
   * as its default namespace. Closed after the class.
   */
  public KubernetesClient impersonating(String serviceAccountNamespace, String serviceAccountName) {
    return track(
        requireStarted(clientFactory)
            .serviceAccount(namespace(), serviceAccountNamespace, serviceAccountName));
  }

  /**
   * A client that authenticates with {@code bearerToken} only, e.g. a ServiceAccount's TokenRequest
   * token.
   */
  public KubernetesClient withToken(String bearerToken) {
    return track(requireStarted(clientFactory).bearerToken(namespace(), bearerToken));
  }

  /** Whether the API server serves the CRD's resource yet: its Established condition. */
  public static boolean isEstablished(CustomResourceDefinition crd) {
    // a CRD just created may have a status without conditions yet
    return crd != null
        && crd.getStatus() != null
        && crd.getStatus().getConditions() != null
        && crd.getStatus().getConditions().stream()
            .anyMatch(c -> "Established".equals(c.getType()) && "True".equals(c.getStatus()));
  }

  private KubernetesClient track(KubernetesClient client) {
    clients.add(client);
    return client;
  }

  private static <T> T requireStarted(T value) {
    if (value == null) {
      throw new IllegalStateException(
          "KubeApiServerExtension is not started: register it as a static @RegisterExtension field");
    }
    return value;
  }
}
