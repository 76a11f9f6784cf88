package dev.gitops.imagebuilder.api;

/** One workflow build version this resource has created or adopted. */
public class HistoryEntry {
  private String semanticVersion;
  private String workflowBuildVersionArn;
  private String dateCreated;

  public String getSemanticVersion() { return semanticVersion; }
  public void setSemanticVersion(String semanticVersion) { this.semanticVersion = semanticVersion; }
  public String getWorkflowBuildVersionArn() { return workflowBuildVersionArn; }
  public void setWorkflowBuildVersionArn(String arn) { this.workflowBuildVersionArn = arn; }
  public String getDateCreated() { return dateCreated; }
  public void setDateCreated(String dateCreated) { this.dateCreated = dateCreated; }
}
