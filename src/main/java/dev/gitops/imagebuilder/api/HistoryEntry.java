package dev.gitops.imagebuilder.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;

/** One workflow build version this resource has created or adopted. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class HistoryEntry {

  /** Semantic version of the build. */
  @JsonPropertyDescription("Semantic version of the workflow build version.")
  private String semanticVersion;

  /** ARN of the build version. */
  @JsonPropertyDescription("ARN of the workflow build version.")
  private String workflowBuildVersionArn;

  /** When Image Builder created it. */
  @JsonPropertyDescription(
      "When Image Builder created the build version, as Image Builder reports it.")
  private String dateCreated;

  /** True once the operator deleted this build (retention or deletion). */
  @JsonPropertyDescription(
      "True once the operator deleted this build from Image Builder (spec.retention); absent"
          + " while the build exists.")
  private Boolean pruned;

  public String getSemanticVersion() {
    return semanticVersion;
  }

  public void setSemanticVersion(String semanticVersion) {
    this.semanticVersion = semanticVersion;
  }

  public String getWorkflowBuildVersionArn() {
    return workflowBuildVersionArn;
  }

  public void setWorkflowBuildVersionArn(String arn) {
    this.workflowBuildVersionArn = arn;
  }

  public String getDateCreated() {
    return dateCreated;
  }

  public void setDateCreated(String dateCreated) {
    this.dateCreated = dateCreated;
  }

  public Boolean getPruned() {
    return pruned;
  }

  public void setPruned(Boolean pruned) {
    this.pruned = pruned;
  }
}
