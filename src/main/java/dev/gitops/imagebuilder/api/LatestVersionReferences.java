package dev.gitops.imagebuilder.api;

/** Wildcard ARNs that always resolve to the newest matching build of this workflow. */
public class LatestVersionReferences {
  private String latestVersionArn;
  private String latestMajorVersionArn;
  private String latestMinorVersionArn;
  private String latestPatchVersionArn;

  public String getLatestVersionArn() { return latestVersionArn; }
  public void setLatestVersionArn(String v) { this.latestVersionArn = v; }
  public String getLatestMajorVersionArn() { return latestMajorVersionArn; }
  public void setLatestMajorVersionArn(String v) { this.latestMajorVersionArn = v; }
  public String getLatestMinorVersionArn() { return latestMinorVersionArn; }
  public void setLatestMinorVersionArn(String v) { this.latestMinorVersionArn = v; }
  public String getLatestPatchVersionArn() { return latestPatchVersionArn; }
  public void setLatestPatchVersionArn(String v) { this.latestPatchVersionArn = v; }
}
