package dev.gitops.imagebuilder.api;

import io.fabric8.kubernetes.api.model.Condition;
import java.util.ArrayList;
import java.util.List;

/** What the operator observed and did; written only by the operator. */
public class ImageBuilderWorkflowStatus {
  private Long observedGeneration;
  private String workflowBuildVersionArn;
  private String semanticVersion;
  private Integer buildVersion;
  private LatestVersionReferences latestVersionReferences;
  private String contentHash;
  private String state;
  private List<HistoryEntry> history = new ArrayList<>();
  private List<Condition> conditions = new ArrayList<>();
  private String lastSyncTime;

  public Long getObservedGeneration() { return observedGeneration; }
  public void setObservedGeneration(Long observedGeneration) { this.observedGeneration = observedGeneration; }
  public String getWorkflowBuildVersionArn() { return workflowBuildVersionArn; }
  public void setWorkflowBuildVersionArn(String arn) { this.workflowBuildVersionArn = arn; }
  public String getSemanticVersion() { return semanticVersion; }
  public void setSemanticVersion(String semanticVersion) { this.semanticVersion = semanticVersion; }
  public Integer getBuildVersion() { return buildVersion; }
  public void setBuildVersion(Integer buildVersion) { this.buildVersion = buildVersion; }
  public LatestVersionReferences getLatestVersionReferences() { return latestVersionReferences; }
  public void setLatestVersionReferences(LatestVersionReferences refs) { this.latestVersionReferences = refs; }
  public String getContentHash() { return contentHash; }
  public void setContentHash(String contentHash) { this.contentHash = contentHash; }
  public String getState() { return state; }
  public void setState(String state) { this.state = state; }
  public List<HistoryEntry> getHistory() { return history; }
  public void setHistory(List<HistoryEntry> history) { this.history = history; }
  public List<Condition> getConditions() { return conditions; }
  public void setConditions(List<Condition> conditions) { this.conditions = conditions; }
  public String getLastSyncTime() { return lastSyncTime; }
  public void setLastSyncTime(String lastSyncTime) { this.lastSyncTime = lastSyncTime; }
}
