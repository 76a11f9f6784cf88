package dev.gitops.imagebuilder.reconcile;

import dev.gitops.imagebuilder.status.Reason;

/**
 * The result of validating a spec: a workflow to reconcile, or why there is none (no AWS call
 * then).
 */
public sealed interface Resolution {
  record Valid(DesiredWorkflow desired) implements Resolution {}

  record Invalid(Reason reason, String message) implements Resolution {}
}
