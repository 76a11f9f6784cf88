package dev.gitops.imagebuilder.emulator;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * One stored workflow build version (immutable; the store replaces it on tag, deprecate or in-use
 * changes).
 *
 * @param deprecationReason null while active, else the reason shown in {@code state.reason}
 * @param inUse set through the control API: "a recipe uses this build"
 */
public record WorkflowBuild(
    String arn,
    String name,
    String type,
    String version,
    long buildNumber,
    String description,
    String changeDescription,
    String data,
    String kmsKeyId,
    Instant dateCreated,
    Map<String, String> tags,
    List<WorkflowParameter> parameters,
    String deprecationReason,
    boolean inUse) {

  public WorkflowBuild {
    tags = Map.copyOf(tags);
  }

  /** Build {@code number} of a create, in the command's account and region. */
  static WorkflowBuild created(CreateCommand c, long number, Instant now) {
    return new WorkflowBuild(
        WorkflowArn.of(
                c.region(),
                c.account(),
                c.type(),
                c.name(),
                VersionFilter.exact(c.version()),
                number)
            .toString(),
        c.name(),
        c.type(),
        c.version().toString(),
        number,
        c.description(),
        c.changeDescription(),
        c.data(),
        c.kmsKeyId(),
        now,
        c.tags(),
        c.parameters(),
        null,
        false);
  }

  /** The account that owns the build: the ARN's account node ({@code aws} for AWS's own). */
  public String account() {
    return arn.split(":", 6)[4];
  }

  /**
   * The members that make up a build's configuration: a create that changes any of them makes a new
   * build.
   */
  boolean sameConfiguration(
      String otherData, String otherDescription, String otherChange, String otherKms) {
    return Objects.equals(data, otherData)
        && Objects.equals(description, otherDescription)
        && Objects.equals(changeDescription, otherChange)
        && Objects.equals(kmsKeyId, otherKms);
  }

  WorkflowBuild withTags(Map<String, String> newTags) {
    return new WorkflowBuild(
        arn,
        name,
        type,
        version,
        buildNumber,
        description,
        changeDescription,
        data,
        kmsKeyId,
        dateCreated,
        newTags,
        parameters,
        deprecationReason,
        inUse);
  }

  WorkflowBuild withDeprecation(String reason) {
    return new WorkflowBuild(
        arn,
        name,
        type,
        version,
        buildNumber,
        description,
        changeDescription,
        data,
        kmsKeyId,
        dateCreated,
        tags,
        parameters,
        reason,
        inUse);
  }

  WorkflowBuild withInUse(boolean used) {
    return new WorkflowBuild(
        arn,
        name,
        type,
        version,
        buildNumber,
        description,
        changeDescription,
        data,
        kmsKeyId,
        dateCreated,
        tags,
        parameters,
        deprecationReason,
        used);
  }
}
