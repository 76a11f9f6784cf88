package dev.gitops.imagebuilder.emulator;

import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A workflow ARN {@code
 * arn:PARTITION:imagebuilder:REGION:ACCOUNT:workflow/TYPE/SLUG/VERSION[/BUILD]} where VERSION may
 * hold {@code x} nodes and BUILD is present only for a build version ARN; PARTITION is {@code aws},
 * or {@code aws-cn} / {@code aws-us-gov} for China and GovCloud regions.
 */
record WorkflowArn(
    String partition,
    String region,
    String account,
    String type,
    String slug,
    VersionFilter version,
    Long build) {

  // The model's WorkflowVersionArnOrBuildVersionArn / WorkflowWildcardVersionArn structure,
  // captured.
  private static final Pattern SHAPE =
      Pattern.compile(
          "^arn:(aws(?:-[a-z]+)*):imagebuilder:([a-z]{2,}(?:-[a-z]+)+-[0-9]+):([0-9]{12}|aws(?:-[a-z-]+)?):"
              + "workflow/(build|test|distribution)/([a-z0-9-_]+)/((?:[0-9]+|x)\\.(?:[0-9]+|x)\\.(?:[0-9]+|x))"
              + "(?:/([0-9]+))?$");

  /**
   * Any ARN shape the model allows for workflows (exact, wildcard, build); empty when it does not
   * match.
   */
  static Optional<WorkflowArn> parse(String text) {
    Matcher m = SHAPE.matcher(text);
    if (text.length() > 1024 || !m.matches()) {
      return Optional.empty();
    }
    VersionFilter version = VersionFilter.parseOrNull(m.group(6));
    if (version == null
        || (m.group(7) != null && (!version.isExact() || m.group(7).length() > 18))) {
      return Optional.empty();
    }
    Long build = m.group(7) == null ? null : Long.parseLong(m.group(7));
    return Optional.of(
        new WorkflowArn(
            m.group(1), m.group(2), m.group(3), m.group(4), m.group(5), version, build));
  }

  /**
   * The ARN name node: lower case, spaces become hyphens (the model allows only {@code
   * [a-z0-9-_]}).
   */
  static String slugOf(String name) {
    return name.toLowerCase(Locale.ROOT).replace(' ', '-');
  }

  static WorkflowArn of(
      String region, String account, String type, String name, VersionFilter version, Long build) {
    return new WorkflowArn(
        partitionOf(region),
        region,
        account,
        type.toLowerCase(Locale.ROOT),
        slugOf(name),
        version,
        build);
  }

  /**
   * The partition a region belongs to, as ARNs name it: China and GovCloud regions have their own.
   */
  static String partitionOf(String region) {
    if (region.startsWith("cn-")) {
      return "aws-cn";
    }
    return region.startsWith("us-gov-") ? "aws-us-gov" : "aws";
  }

  /**
   * Whether this ARN names the partition its region belongs to (another partition names nothing
   * here).
   */
  boolean inItsPartition() {
    return partition.equals(partitionOf(region));
  }

  WorkflowArn withVersion(VersionFilter newVersion) {
    return new WorkflowArn(partition, region, account, type, slug, newVersion, null);
  }

  boolean isBuild() {
    return build != null;
  }

  @Override
  public String toString() {
    return "arn:"
        + partition
        + ":imagebuilder:"
        + region
        + ":"
        + account
        + ":workflow/"
        + type
        + "/"
        + slug
        + "/"
        + version
        + (build == null ? "" : "/" + build);
  }
}
