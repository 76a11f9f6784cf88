package dev.gitops.imagebuilder.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;

/** Wildcard ARNs that always resolve to the newest matching build of this workflow. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class LatestVersionReferences {

  /** .../NAME/x.x.x */
  @JsonPropertyDescription("Resolves to the newest build of any version (.../NAME/x.x.x).")
  private String latestVersionArn;

  /** .../NAME/M.x.x */
  @JsonPropertyDescription(
      "Resolves to the newest build with the same major version (.../NAME/M.x.x).")
  private String latestMajorVersionArn;

  /** .../NAME/M.m.x */
  @JsonPropertyDescription(
      "Resolves to the newest build with the same major and minor version (.../NAME/M.m.x).")
  private String latestMinorVersionArn;

  /** .../NAME/M.m.p */
  @JsonPropertyDescription("Resolves to the newest build of this exact version (.../NAME/M.m.p).")
  private String latestPatchVersionArn;

  public String getLatestVersionArn() {
    return latestVersionArn;
  }

  public void setLatestVersionArn(String v) {
    this.latestVersionArn = v;
  }

  public String getLatestMajorVersionArn() {
    return latestMajorVersionArn;
  }

  public void setLatestMajorVersionArn(String v) {
    this.latestMajorVersionArn = v;
  }

  public String getLatestMinorVersionArn() {
    return latestMinorVersionArn;
  }

  public void setLatestMinorVersionArn(String v) {
    this.latestMinorVersionArn = v;
  }

  public String getLatestPatchVersionArn() {
    return latestPatchVersionArn;
  }

  public void setLatestPatchVersionArn(String v) {
    this.latestPatchVersionArn = v;
  }
}
