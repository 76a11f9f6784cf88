package dev.gitops.imagebuilder.reconcile;

import dev.gitops.imagebuilder.aws.DryRunVerdict;
import dev.gitops.imagebuilder.aws.ImageBuilderGateway;
import dev.gitops.imagebuilder.aws.ObservedBuild;
import dev.gitops.imagebuilder.aws.Ownership;
import dev.gitops.imagebuilder.status.Outcome;
import dev.gitops.imagebuilder.status.Reason;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Under managementPolicy Plan: reports what the planner's action would do instead of doing it. The
 * only AWS call is CreateWorkflow with dryRun, so the service judges a create (document, KMS key,
 * URI, quota) with the very parameters the real create would send. Nothing is created, tagged or
 * adopted.
 */
final class PlanPreview {
  private final ImageBuilderGateway gateway;

  PlanPreview(ImageBuilderGateway gateway) {
    this.gateway = gateway;
  }

  Outcome outcome(DesiredWorkflow desired, Action planned) {
    Action action = withoutUidTag(planned);
    DryRunVerdict verdict =
        action instanceof Action.Create c
            ? gateway.dryRun(desired.createRequest(c.supersedes()))
            : null;
    return report(desired, action, verdict);
  }

  /**
   * The status a plan gives: Ready (PlanReady) when applying would succeed, Stalled (PlanFailed)
   * when it would not. Pure; {@code verdict} is the dry run's for a create, else null.
   */
  static Outcome report(DesiredWorkflow desired, Action action, DryRunVerdict verdict) {
    if (action instanceof Action.Create c) {
      String what =
          "would create "
              + desired.semanticVersion()
              + " as build "
              + desired.semanticVersion()
              + "/"
              + c.expectedBuild();
      String message =
          verdict.passed()
              ? what + "; CreateWorkflow dry run passed: " + verdict.message()
              : what
                  + ", but CreateWorkflow refuses it: "
                  + verdict.code()
                  + ": "
                  + verdict.message();
      Outcome.PlanReport plan =
          plan(desired, "Create", c.expectedArn(), message)
              .withDetails(
                  c.expectedBuild(),
                  verdict.passed() ? "Passed" : "Refused",
                  Map.of(),
                  List.of(),
                  List.of());
      return verdict.passed()
          ? Outcome.ready(Reason.PlanReady, message, null).withPlan(plan)
          : Outcome.stalled(Reason.PlanFailed, message).withPlan(plan);
    }
    if (action instanceof Action.Retag t) {
      String message =
          "would re-tag "
              + t.arn()
              + ": add or change "
              + t.add().keySet()
              + ", remove "
              + t.remove();
      return recorded(t.record(), message)
          .withPlan(
              plan(desired, "Retag", t.arn(), message)
                  .withDetails(null, null, t.add(), List.copyOf(t.remove()), List.of()));
    }
    if (action instanceof Action.Adopt a) {
      List<String> arns = a.builds().stream().map(ObservedBuild::arn).toList();
      String message =
          "would adopt "
              + arns
              + " (tag them as owned by "
              + desired.owner()
              + "), then plan again";
      return Outcome.ready(Reason.PlanReady, message, null)
          .withPlan(
              plan(desired, "Adopt", a.arn(), message)
                  .withDetails(null, null, Map.of(), List.of(), arns));
    }
    if (action instanceof Action.Conflict c) {
      String message = "would stop: " + c.message();
      return Outcome.stalled(Reason.PlanFailed, message)
          .withPlan(plan(desired, "Conflict", null, message));
    }
    Action.Record r = (Action.Record) action;
    String message =
        "nothing to do: "
            + r.arn()
            + (r.build().deprecated()
                ? " matches the spec (DEPRECATED in Image Builder)"
                : " matches the spec");
    return recorded(r, message).withPlan(plan(desired, "Nothing", r.arn(), message));
  }

  /**
   * A plan leaves the uid tag out of a re-tag: ownership is by namespace and name and the uid is
   * recorded for humans, so a preview resource (another object of the same namespace and name, for
   * example in a pull-request cluster) plans what the resource it previews would do.
   */
  static Action withoutUidTag(Action action) {
    if (!(action instanceof Action.Retag t) || !t.add().containsKey(Ownership.UID_TAG)) {
      return action;
    }
    Map<String, String> add = new TreeMap<>(t.add());
    add.remove(Ownership.UID_TAG);
    return add.isEmpty() && t.remove().isEmpty()
        ? t.record()
        : new Action.Retag(t.record(), add, t.remove());
  }

  /** The existing build matches the spec: show it as current, as Manage would. */
  private static Outcome recorded(Action.Record record, String message) {
    return Outcome.ready(Reason.PlanReady, message, Outcome.RecordedBuild.of(record.build()));
  }

  private static Outcome.PlanReport plan(
      DesiredWorkflow desired, String action, String arn, String message) {
    return new Outcome.PlanReport(
        action,
        desired.generation(),
        desired.semanticVersion(),
        null,
        arn,
        Map.of(),
        List.of(),
        List.of(),
        null,
        message,
        desired.contentHash());
  }
}
