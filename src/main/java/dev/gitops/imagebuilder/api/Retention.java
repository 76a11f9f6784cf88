package dev.gitops.imagebuilder.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Max;
import io.fabric8.generator.annotation.Min;
import io.fabric8.generator.annotation.ValidationRule;

/** How many of the builds this resource owns are kept in AWS; older ones are deleted. */
@JsonInclude(JsonInclude.Include.NON_NULL)
@ValidationRule(
    value = "has(self.buildsPerVersion) || has(self.versions)",
    message = "spec.retention needs buildsPerVersion, versions or both")
public class Retention {

  /** Builds kept per semantic version, newest first. */
  @JsonPropertyDescription(
      "Keep the newest N builds of each semantic version this resource owns (1 to 1000); older"
          + " builds of that version are deleted. The current build is always kept.")
  @Min(1)
  @Max(1000)
  private Integer buildsPerVersion;

  /** Semantic versions kept, highest first. */
  @JsonPropertyDescription(
      "Keep the M highest semantic versions this resource owns builds of (1 to 1000); every"
          + " build of a lower version is deleted. The current build is always kept.")
  @Min(1)
  @Max(1000)
  private Integer versions;

  public Integer getBuildsPerVersion() {
    return buildsPerVersion;
  }

  public void setBuildsPerVersion(Integer buildsPerVersion) {
    this.buildsPerVersion = buildsPerVersion;
  }

  public Integer getVersions() {
    return versions;
  }

  public void setVersions(Integer versions) {
    this.versions = versions;
  }
}
