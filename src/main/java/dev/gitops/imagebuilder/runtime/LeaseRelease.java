package dev.gitops.imagebuilder.runtime;

import io.fabric8.kubernetes.api.model.coordination.v1.Lease;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Hands the leader Lease back on a graceful stop, so the other replica takes over at its next retry
 * instead of after the lease duration. JOSDK builds its elector with release-on-cancel off (it
 * needs the stop callback), so the operator does this itself after reconciles have finished.
 */
final class LeaseRelease {
  private static final Logger log = LoggerFactory.getLogger(LeaseRelease.class);

  private LeaseRelease() {}

  /** Clears the holder if it is still {@code identity}; a conflict means someone else moved on. */
  static void release(KubernetesClient client, String namespace, String name, String identity) {
    try {
      Lease lease = client.leases().inNamespace(namespace).withName(name).get();
      if (lease == null
          || lease.getSpec() == null
          || !identity.equals(lease.getSpec().getHolderIdentity())) {
        return;
      }
      lease.getSpec().setHolderIdentity(null);
      lease.getSpec().setLeaseDurationSeconds(1);
      client.resource(lease).update(); // carries resourceVersion: fails rather than overwrite
      log.info("Released leader lease {}/{}", namespace, name);
    } catch (KubernetesClientException e) {
      log.warn("Could not release leader lease {}/{}: {}", namespace, name, e.getMessage());
    }
  }
}
