package dev.gitops.imagebuilder.accounts;

import dev.gitops.imagebuilder.api.ImageBuilderWorkflowStatus;
import dev.gitops.imagebuilder.aws.AccountRef;
import dev.gitops.imagebuilder.aws.ImageBuilderGateway;
import java.util.Optional;

/**
 * A resource stays in the account its builds are in. When its namespace's mapping changes while it
 * has a build, following the new mapping would create the workflow again in another account and
 * leave the old builds with nobody to delete them; so the resource stops, says so, and waits until
 * the mapping is restored or the resource is recreated. Pure.
 */
public final class AccountContinuity {
  private AccountContinuity() {}

  /**
   * Why the resource may not use {@code mapped}; empty when it may (no build yet, or its build is
   * in the same account).
   */
  public static Optional<String> refusal(
      ImageBuilderWorkflowStatus status, AccountRef mapped, String namespace) {
    if (status == null || status.getWorkflowBuildVersionArn() == null) {
      return Optional.empty();
    }
    String builtIn = AccountRef.accountOf(status.getWorkflowBuildVersionArn());
    if (builtIn == null || builtIn.equals(ImageBuilderGateway.AWS_ACCOUNT)) {
      return Optional.empty(); // a workflow AWS publishes (Observe) belongs to no mapped account
    }
    boolean moved =
        mapped.own() ? status.getRoleArn() != null : !builtIn.equals(mapped.accountId());
    if (!moved) {
      return Optional.empty();
    }
    return Optional.of(
        "the builds of this resource are in account "
            + builtIn
            + (status.getRoleArn() == null
                ? " (the operator's own credentials)"
                : " (role " + status.getRoleArn() + ")")
            + ", but namespace "
            + namespace
            + " now maps to "
            + mapped
            + ". The operator leaves both accounts alone for this resource: restore the"
            + " ImageBuilderAccount mapping, or delete and recreate the resource to start over in"
            + " the new account (its builds in "
            + builtIn
            + " then stay there)");
  }
}
