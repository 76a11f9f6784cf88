package dev.gitops.imagebuilder.api;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;

/**
 * Schema-only twin of Fabric8's {@link io.fabric8.kubernetes.api.model.Condition}:
 * status.conditions is typed with Fabric8's class, and this record only lends the CRD schema the
 * descriptions {@code kubectl explain} shows for each condition field.
 */
record ConditionSchema(
    @JsonPropertyDescription("Condition type: Ready, Reconciling or Stalled.") String type,
    @JsonPropertyDescription("True, False or Unknown.") String status,
    @JsonPropertyDescription("Stable CamelCase reason for the last transition (part of the API).")
        String reason,
    @JsonPropertyDescription("Human-readable details of the last transition.") String message,
    @JsonPropertyDescription("When the status last changed (RFC 3339).") String lastTransitionTime,
    @JsonPropertyDescription("The metadata.generation the condition was set for.")
        Long observedGeneration) {}
