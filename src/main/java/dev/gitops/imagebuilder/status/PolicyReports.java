package dev.gitops.imagebuilder.status;

import dev.gitops.imagebuilder.api.ObservedStatus;
import dev.gitops.imagebuilder.api.PlanStatus;
import java.util.List;
import java.util.TreeMap;

/** Turns the plan and observation of an {@link Outcome} into their status shapes. Pure. */
final class PolicyReports {
  private PolicyReports() {}

  static PlanStatus plan(Outcome.PlanReport report) {
    if (report == null) {
      return null;
    }
    PlanStatus plan = new PlanStatus();
    plan.setAction(report.action());
    plan.setGeneration(report.generation());
    plan.setSemanticVersion(report.semanticVersion());
    plan.setBuildVersion(report.buildVersion());
    plan.setWorkflowBuildVersionArn(report.arn());
    plan.setTagsToAdd(report.tagsToAdd().isEmpty() ? null : new TreeMap<>(report.tagsToAdd()));
    plan.setTagsToRemove(orNull(report.tagsToRemove()));
    plan.setBuildsToAdopt(orNull(report.buildsToAdopt()));
    plan.setDryRunVerdict(report.dryRunVerdict());
    plan.setMessage(report.message());
    plan.setContentHash(report.contentHash());
    return plan;
  }

  static ObservedStatus observed(Outcome.ObservedReport report) {
    if (report == null || !report.found()) {
      return null;
    }
    ObservedStatus observed = new ObservedStatus();
    observed.setOwner(report.owner());
    observed.setTags(report.tags().isEmpty() ? null : new TreeMap<>(report.tags()));
    observed.setContent(report.content());
    observed.setContentHash(report.contentHash());
    return observed;
  }

  private static List<String> orNull(List<String> list) {
    return list.isEmpty() ? null : List.copyOf(list);
  }
}
