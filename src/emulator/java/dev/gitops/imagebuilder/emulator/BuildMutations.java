package dev.gitops.imagebuilder.emulator;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.HashMap;
import java.util.Map;

/** DeleteWorkflow and the three tag operations, all on one build version. */
final class BuildMutations {

  private static final int MAX_TAGS = 50;

  private final WorkflowStore store;

  BuildMutations(WorkflowStore store) {
    this.store = store;
  }

  ObjectNode delete(ApiRequest r) {
    WorkflowArn arn =
        changeable(
            WorkflowQueries.reachable(
                r, WorkflowQueries.workflowArn(r, "workflowBuildVersionArn")));
    WorkflowBuild deleted =
        store.replace(
            arn,
            build -> {
              if (build.inUse()) {
                throw new ApiException(
                    ErrorType.ResourceDependencyException,
                    "The workflow build version "
                        + build.arn()
                        + " is used by an image recipe or pipeline.");
              }
              return null;
            });
    return WorkflowJson.MAPPER.createObjectNode().put("workflowBuildVersionArn", deleted.arn());
  }

  ObjectNode tag(ApiRequest r) {
    Map<String, String> added = CreateWorkflowHandler.tags(r.input());
    store.replace(
        changeable(taggable(r)),
        b -> {
          Map<String, String> merged = new HashMap<>(b.tags());
          merged.putAll(added);
          if (merged.size() > MAX_TAGS) {
            throw new ApiException(
                ErrorType.InvalidParameterException,
                "A resource can have at most " + MAX_TAGS + " tags.");
          }
          return b.withTags(merged);
        });
    return WorkflowJson.MAPPER.createObjectNode();
  }

  ObjectNode untag(ApiRequest r) {
    store.replace(
        changeable(taggable(r)),
        b -> {
          Map<String, String> remaining = new HashMap<>(b.tags());
          for (JsonNode key : r.input().path("tagKeys")) {
            remaining.remove(key.asText());
          }
          return b.withTags(remaining);
        });
    return WorkflowJson.MAPPER.createObjectNode();
  }

  ObjectNode listTags(ApiRequest r) {
    WorkflowArn arn = taggable(r);
    WorkflowBuild build =
        store.resolve(arn).orElseThrow(() -> WorkflowStore.notFound(arn.toString()));
    ObjectNode response = WorkflowJson.MAPPER.createObjectNode();
    response.set("tags", WorkflowJson.tags(build));
    return response;
  }

  /** Workflows AWS publishes can be read by every account and changed by none. */
  private WorkflowArn changeable(WorkflowArn arn) {
    if (AwsOwnedWorkflows.owns(arn) && store.resolve(arn).isPresent()) {
      throw new ApiException(
          ErrorType.ForbiddenException,
          "The workflow " + arn + " is owned by AWS; it cannot be changed.");
    }
    return arn;
  }

  /**
   * A workflow build ARN of the caller's account and region; other Image Builder resources do not
   * exist here.
   */
  private static WorkflowArn taggable(ApiRequest r) {
    String text = r.text("resourceArn");
    WorkflowArn arn = WorkflowArn.parse(text).orElse(null);
    if (arn == null && !text.contains(":workflow/")) {
      throw WorkflowStore.notFound(text);
    }
    if (arn == null || !arn.isBuild()) {
      throw new ApiException(
          ErrorType.InvalidParameterException,
          "Tags are kept on workflow build versions; " + text + " is not a build version ARN.");
    }
    return WorkflowQueries.reachable(r, arn);
  }
}
