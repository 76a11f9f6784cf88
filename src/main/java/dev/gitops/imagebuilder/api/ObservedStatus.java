package dev.gitops.imagebuilder.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import java.util.Map;

/** What managementPolicy Observe found in AWS beyond the build itself. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class ObservedStatus {

  @JsonPropertyDescription(
      "Account that owns the observed workflow: an account id, or 'aws' for a workflow AWS"
          + " publishes.")
  private String owner;

  @JsonPropertyDescription("Tags of the observed build version in AWS.")
  private Map<String, String> tags;

  @JsonPropertyDescription(
      "Whether the AWS content matches the spec's (document, description, changeDescription,"
          + " kmsKeyId): InSync, Differs, or Unknown for a document given by URI (the operator does"
          + " not read S3); absent when the spec carries no content. Reported, never acted on.")
  private String content;

  @JsonPropertyDescription("Hash of the spec content the comparison was made with.")
  private String contentHash;

  public String getOwner() {
    return owner;
  }

  public void setOwner(String owner) {
    this.owner = owner;
  }

  public Map<String, String> getTags() {
    return tags;
  }

  public void setTags(Map<String, String> tags) {
    this.tags = tags;
  }

  public String getContent() {
    return content;
  }

  public void setContent(String content) {
    this.content = content;
  }

  public String getContentHash() {
    return contentHash;
  }

  public void setContentHash(String contentHash) {
    this.contentHash = contentHash;
  }
}
