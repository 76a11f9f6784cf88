package dev.gitops.imagebuilder.config;

import dev.gitops.imagebuilder.api.DeletionPolicy;
import java.net.URI;
import java.time.Duration;
import java.util.Optional;
import java.util.Set;

/**
 * The operator's whole configuration, typed and already validated. Built once at start-up from
 * environment variables and flags; every other class receives what it needs from here.
 *
 * @param defaultRegion AWS region used when a resource has no {@code spec.region}
 * @param endpointOverride Image Builder endpoint (e.g. the local emulator); empty for real AWS
 * @param watchedNamespaces namespaces to watch; empty means all namespaces
 * @param defaultDeletionPolicy applied when a resource has no {@code spec.deletionPolicy}
 * @param driftCheckInterval how often an up-to-date resource is checked against AWS (jittered)
 * @param maxConcurrentReconciles reconciler worker threads
 * @param awsCallsPerSecond ceiling on the pace of each Image Builder API per region; {@code
 *     Double.POSITIVE_INFINITY} when unset (the pace adapts to the account's limit)
 * @param httpPort port of the /healthz, /readyz and /metrics endpoints
 * @param logFormat plain text or one JSON object per line
 * @param leaderElection whether replicas elect a leader through a Lease
 * @param leaseName name of that Lease
 * @param leaseNamespace namespace of that Lease; empty means the operator's own namespace
 * @param extraRegions regions accepted besides those in the AWS SDK's region metadata
 * @param stsEndpointOverride STS endpoint (e.g. the local emulator); empty for real AWS
 * @param requireAccountMapping whether workflows of unmapped namespaces are refused instead of
 *     using the operator's own credentials
 */
public record OperatorConfig(
    String defaultRegion,
    Optional<URI> endpointOverride,
    Set<String> watchedNamespaces,
    DeletionPolicy defaultDeletionPolicy,
    Duration driftCheckInterval,
    int maxConcurrentReconciles,
    double awsCallsPerSecond,
    int httpPort,
    LogFormat logFormat,
    boolean leaderElection,
    String leaseName,
    Optional<String> leaseNamespace,
    Set<String> extraRegions,
    Optional<URI> stsEndpointOverride,
    boolean requireAccountMapping) {

  public OperatorConfig {
    extraRegions = Set.copyOf(extraRegions);
  }

  /** How log lines are written. */
  public enum LogFormat {
    PLAIN,
    JSON
  }
}
