package dev.gitops.imagebuilder.accounts;

import dev.gitops.imagebuilder.api.ImageBuilderWorkflowStatus;
import dev.gitops.imagebuilder.aws.AccountRef;
import dev.gitops.imagebuilder.status.Reason;

/**
 * Which account a resource may reach AWS with now: its namespace's mapping ({@link
 * AccountMappings}) held against the account its builds are in ({@link AccountContinuity}).
 */
public sealed interface AccountDecision {
  /** Use these credentials. */
  record Use(AccountRef account) implements AccountDecision {}

  /** Make no AWS call, for this reason. */
  record Refuse(Reason reason, String message) implements AccountDecision {}

  /** The namespace is not known yet: look again shortly. */
  record Wait() implements AccountDecision {}

  /** Pure. */
  static AccountDecision of(
      AccountMappings.Resolution resolution, ImageBuilderWorkflowStatus status, String namespace) {
    if (resolution instanceof AccountMappings.NamespaceUnknown) {
      return new Wait();
    }
    if (resolution instanceof AccountMappings.Refused refused) {
      return new Refuse(refused.reason(), refused.message());
    }
    AccountRef mapped =
        resolution instanceof AccountMappings.Mapped m ? m.account() : AccountRef.OWN;
    return AccountContinuity.refusal(status, mapped, namespace)
        .<AccountDecision>map(why -> new Refuse(Reason.AccountChanged, why))
        .orElse(new Use(mapped));
  }
}
