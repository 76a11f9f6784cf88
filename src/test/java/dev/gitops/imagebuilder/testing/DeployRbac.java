package dev.gitops.imagebuilder.testing;

import dev.gitops.imagebuilder.api.ImageBuilderWorkflow;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.rbac.ClusterRole;
import io.fabric8.kubernetes.api.model.rbac.ClusterRoleBinding;
import io.fabric8.kubernetes.api.model.rbac.Role;
import io.fabric8.kubernetes.api.model.rbac.RoleBinding;
import io.fabric8.kubernetes.api.model.rbac.Subject;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * The operator's identity and permissions exactly as deploy/ declares them (namespace.yaml,
 * serviceaccount.yaml, rbac.yaml), applied to the test API server; or a copy for another
 * ServiceAccount with one rule taken out; or a copy for an operator deployed into another
 * namespace.
 */
public final class DeployRbac {
  public static final String NAMESPACE = "imagebuilder-system";
  public static final String ACCOUNT = "imagebuilder-workflow-operator";
  public static final String LEASE = "imagebuilder-workflow-operator";
  private static final KubernetesSerialization JSON = new KubernetesSerialization();

  private DeployRbac() {}

  public static List<HasMetadata> objects(KubernetesClient admin) {
    List<HasMetadata> all = new ArrayList<>();
    for (String file : List.of("namespace.yaml", "serviceaccount.yaml", "rbac.yaml")) {
      try (InputStream in = Files.newInputStream(Path.of("deploy", file))) {
        all.addAll(admin.load(in).items());
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    return all;
  }

  public static void apply(KubernetesClient admin, List<HasMetadata> objects) {
    objects.forEach(o -> admin.resource(o).forceConflicts().serverSideApply());
  }

  /** deploy/'s RBAC, all of it, for ServiceAccount {@code account}. */
  public static List<HasMetadata> forAccount(List<HasMetadata> objects, String account) {
    return withoutRule(objects, "none", -1, account);
  }

  /**
   * deploy/'s RBAC for ServiceAccount {@code account}, without rule {@code index} of {@code kind}:
   * {@code ClusterRole} and {@code Role} (the operator's, and its leader election's), or {@code
   * AccountsClusterRole} (the account mappings').
   */
  public static List<HasMetadata> withoutRule(
      List<HasMetadata> objects, String kind, int index, String account) {
    List<HasMetadata> copy = new ArrayList<>();
    for (HasMetadata original : objects) {
      HasMetadata o = JSON.clone(original);
      if (!o.getKind().equals("Namespace")) {
        o.getMetadata()
            .setName(
                o.getKind().equals("ServiceAccount")
                    ? account
                    : original.getMetadata().getName() + "-" + account);
      }
      if (o instanceof ClusterRole r && kind.equals(clusterRoleKind(original))) {
        r.getRules().remove(index);
      } else if (o instanceof Role r && kind.equals("Role")) {
        r.getRules().remove(index);
      } else if (o instanceof ClusterRoleBinding b) {
        b.getRoleRef().setName(b.getRoleRef().getName() + "-" + account);
        b.getSubjects().forEach(s -> rename(s, account));
      } else if (o instanceof RoleBinding b) {
        b.getRoleRef().setName(b.getRoleRef().getName() + "-" + account);
        b.getSubjects().forEach(s -> rename(s, account));
      }
      copy.add(o);
    }
    return copy;
  }

  /**
   * Waits until the API server lets {@code asOperator} list the resources of the namespace: its
   * authorizer learns new RBAC bindings through a watch, so an operator started at once would be
   * refused its first list and retry it with backoff.
   */
  public static void awaitAuthorized(KubernetesClient asOperator, String namespace) {
    org.awaitility.Awaitility.await()
        .atMost(Duration.ofSeconds(60))
        .ignoreException(KubernetesClientException.class)
        .until(
            () ->
                asOperator.resources(ImageBuilderWorkflow.class).inNamespace(namespace).list()
                    != null);
  }

  /**
   * deploy/'s ServiceAccount and RBAC for an operator deployed into {@code namespace} instead of
   * imagebuilder-system (which holds its Lease): the ServiceAccount, the leader election Role and
   * the bindings in that namespace, the cluster bindings named after it, the ClusterRoles as they
   * are.
   */
  public static List<HasMetadata> inNamespace(List<HasMetadata> objects, String namespace) {
    List<HasMetadata> copy = new ArrayList<>();
    for (HasMetadata original : objects) {
      if (original.getKind().equals("Namespace")) {
        continue;
      }
      HasMetadata o = JSON.clone(original);
      if (o.getMetadata().getNamespace() != null) {
        o.getMetadata().setNamespace(namespace);
      }
      if (o instanceof ClusterRoleBinding b) {
        b.getMetadata().setName(b.getMetadata().getName() + "-" + namespace);
        b.getSubjects().forEach(s -> s.setNamespace(namespace));
      } else if (o instanceof RoleBinding b) {
        b.getSubjects().forEach(s -> s.setNamespace(namespace));
      }
      copy.add(o);
    }
    return copy;
  }

  private static String clusterRoleKind(HasMetadata role) {
    return role.getMetadata().getName().equals(ACCOUNT + "-accounts")
        ? "AccountsClusterRole"
        : "ClusterRole";
  }

  private static void rename(Subject subject, String account) {
    subject.setName(account);
  }
}
