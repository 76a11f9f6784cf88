package dev.gitops.imagebuilder.emulator;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * CreateWorkflow: the cross-member rules, the document check, then the store's build rules (a dry
 * run goes through all of them and changes nothing).
 */
final class CreateWorkflowHandler {

  private final WorkflowStore store;
  private final InMemoryS3 s3;

  CreateWorkflowHandler(WorkflowStore store, InMemoryS3 s3) {
    this.store = store;
    this.s3 = s3;
  }

  ObjectNode handle(ApiRequest r) {
    SemanticVersion version = SemanticVersion.parseOrNull(r.text("semanticVersion"));
    if (version == null) {
      throw new ApiException(
          ErrorType.InvalidVersionNumberException,
          "The semantic version "
              + r.text("semanticVersion")
              + " has a node above "
              + SemanticVersion.MAX_NODE
              + ".");
    }
    String content = content(r.text("data"), r.text("uri"));
    List<WorkflowParameter> parameters = WorkflowDocument.parameters(content);
    ObjectNode fingerprint = r.input().deepCopy();
    fingerprint.remove("dryRun");
    String arn =
        store.create(
            new CreateCommand(
                r.account(),
                r.region(),
                r.text("clientToken"),
                fingerprint,
                r.text("name"),
                r.text("type"),
                version,
                r.text("description"),
                r.text("changeDescription"),
                content,
                r.text("kmsKeyId"),
                tags(r.input()),
                parameters),
            r.input().path("dryRun").asBoolean(false));
    ObjectNode response = WorkflowJson.MAPPER.createObjectNode();
    response.put("clientToken", r.text("clientToken"));
    response.put("workflowBuildVersionArn", arn);
    response.set(
        "latestVersionReferences",
        WorkflowJson.latestVersionReferences(WorkflowArn.parse(arn).orElseThrow()));
    return response;
  }

  private String content(String data, String uri) {
    if (data != null && uri != null) {
      throw new ApiException(
          ErrorType.InvalidParameterCombinationException,
          "You can specify either data or uri, but not both.");
    }
    if (data == null && uri == null) {
      throw new ApiException(
          ErrorType.InvalidRequestException, "You must specify either data or uri.");
    }
    if (data != null) {
      return data;
    }
    if (!uri.matches("s3://[^/]+/.+")) {
      throw new ApiException(
          ErrorType.InvalidRequestException,
          "The uri " + uri + " is not an S3 URL (s3://bucket/key).");
    }
    return s3.read(uri)
        .orElseThrow(
            () ->
                new ApiException(
                    ErrorType.ClientException,
                    "The S3 object " + uri + " does not exist or is not accessible."));
  }

  static Map<String, String> tags(ObjectNode input) {
    Map<String, String> tags = new LinkedHashMap<>();
    input.path("tags").properties().forEach(e -> tags.put(e.getKey(), e.getValue().asText()));
    return tags;
  }
}
