package dev.gitops.imagebuilder.aws;

import dev.gitops.imagebuilder.api.LatestVersionReferences;
import dev.gitops.imagebuilder.api.WorkflowType;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Workflow ARNs: {@code arn:aws:imagebuilder:REGION:ACCOUNT:workflow/TYPE/NAME/VERSION[/BUILD]}.
 */
public record ArnFormat(
    String partition,
    String region,
    String account,
    String type,
    String slug,
    String version,
    Integer build) {
  private static final Pattern ARN =
      Pattern.compile(
          "^arn:([^:]+):imagebuilder:([^:]+):([^:]*):workflow/([a-z]+)/([a-z0-9-_]+)/([0-9x]+\\.[0-9x]+\\.[0-9x]+)(?:/([0-9]+))?$");

  public static ArnFormat parse(String arn) {
    Matcher m = ARN.matcher(arn);
    if (!m.matches()) {
      throw new IllegalArgumentException("not a workflow ARN: " + arn);
    }
    return new ArnFormat(
        m.group(1),
        m.group(2),
        m.group(3),
        m.group(4),
        m.group(5),
        m.group(6),
        m.group(7) == null ? null : Integer.valueOf(m.group(7)));
  }

  /**
   * The version ARN ({@code …/1.2.3}) of a workflow in this ARN's partition, region and account;
   * the name appears lower-cased, spaces as hyphens.
   */
  public String versionArn(WorkflowType type, String name, String version) {
    return new ArnFormat(
            partition,
            region,
            account,
            type.name().toLowerCase(Locale.ROOT),
            slug(name),
            version,
            null)
        .toString();
  }

  public static String slug(String name) {
    return name.toLowerCase(Locale.ROOT).replace(' ', '-');
  }

  /** The wildcard ARNs that always resolve to the newest build matching this build's version. */
  public LatestVersionReferences latestVersionReferences() {
    String[] nodes = version.split("\\.");
    LatestVersionReferences refs = new LatestVersionReferences();
    refs.setLatestVersionArn(withVersion("x.x.x"));
    refs.setLatestMajorVersionArn(withVersion(nodes[0] + ".x.x"));
    refs.setLatestMinorVersionArn(withVersion(nodes[0] + "." + nodes[1] + ".x"));
    refs.setLatestPatchVersionArn(withVersion(version));
    return refs;
  }

  private String withVersion(String v) {
    return new ArnFormat(partition, region, account, type, slug, v, null).toString();
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
