package dev.gitops.imagebuilder.emulator;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.stream.StreamSupport;

/** The read operations: GetWorkflow, ListWorkflows, ListWorkflowBuildVersions. */
final class WorkflowQueries {

  private static final int DEFAULT_PAGE = 25;

  private final WorkflowStore store;
  private final PageTokens tokens;

  WorkflowQueries(WorkflowStore store, PageTokens tokens) {
    this.store = store;
    this.tokens = tokens;
  }

  ObjectNode get(ApiRequest r) {
    WorkflowArn arn = reachable(r, workflowArn(r, "workflowBuildVersionArn"));
    WorkflowBuild build =
        store.resolve(arn).orElseThrow(() -> WorkflowStore.notFound(arn.toString()));
    ObjectNode response = WorkflowJson.MAPPER.createObjectNode();
    response.set("workflow", WorkflowJson.workflow(build, owner(build)));
    response.set(
        "latestVersionReferences",
        WorkflowJson.latestVersionReferences(WorkflowArn.parse(build.arn()).orElseThrow()));
    return response;
  }

  ObjectNode listWorkflows(ApiRequest r) {
    String owner = r.input().path("owner").asText("Self");
    List<WorkflowBuild> versions = List.of();
    if (owner.equals("Self") || owner.equals(AwsOwnedWorkflows.OWNER)) {
      Predicate<WorkflowBuild> filter = filters(r.input().path("filters"));
      versions =
          (owner.equals("Self")
                  ? store.newestPerVersion(r.account(), r.region())
                  : AwsOwnedWorkflows.newestPerVersion(r.region()))
              .stream().filter(filter).toList();
      if (r.input().path("byName").asBoolean(false)) {
        Map<String, WorkflowBuild> newestPerName = new LinkedHashMap<>();
        versions.forEach(b -> newestPerName.put(b.name() + "\n" + b.type(), b));
        versions = List.copyOf(newestPerName.values());
      }
    }
    return page(r, versions, "workflowVersionList", b -> WorkflowJson.workflowVersion(b, owner(b)));
  }

  ObjectNode listBuildVersions(ApiRequest r) {
    if (!r.input().hasNonNull("workflowVersionArn")) {
      throw new ApiException(ErrorType.InvalidRequestException, "workflowVersionArn is required.");
    }
    WorkflowArn arn = authorized(r, workflowArn(r, "workflowVersionArn"));
    // Another region's workflows are invisible from this one: an empty list, as for any unknown
    // workflow.
    List<WorkflowBuild> builds = arn.region().equals(r.region()) ? store.builds(arn) : List.of();
    return page(r, builds, "workflowSummaryList", b -> WorkflowJson.workflowSummary(b, owner(b)));
  }

  /** The owner member: the account id, or Amazon for the workflows AWS publishes. */
  private static String owner(WorkflowBuild b) {
    return AwsOwnedWorkflows.owns(WorkflowArn.parse(b.arn()).orElseThrow())
        ? AwsOwnedWorkflows.OWNER
        : b.account();
  }

  /**
   * Parses an ARN member already checked against its model pattern; wildcards must run from the
   * right.
   */
  static WorkflowArn workflowArn(ApiRequest r, String member) {
    WorkflowArn arn =
        WorkflowArn.parse(r.text(member))
            .orElseThrow(
                () ->
                    new ApiException(
                        ErrorType.InvalidRequestException,
                        "The value of " + member + " is not a valid workflow ARN."));
    if (!arn.version().wildcardsFromRight()) {
      throw new ApiException(
          ErrorType.InvalidRequestException,
          "Wildcards in " + arn.version() + " must replace the rightmost version nodes.");
    }
    return arn;
  }

  /**
   * An ARN of the caller's account or of AWS's own workflows; another account's is refused before
   * any lookup, as IAM refuses it (see the Accounts rule of {@link WorkflowStore}).
   */
  static WorkflowArn authorized(ApiRequest r, WorkflowArn arn) {
    if (!AwsOwnedWorkflows.owns(arn) && !arn.account().equals(r.account())) {
      String action = "imagebuilder:" + r.operation();
      throw new ApiException(
          ErrorType.ForbiddenException,
          "User: "
              + r.caller().principalArn()
              + " is not authorized to perform: "
              + action
              + " on resource: "
              + arn
              + " because no resource-based policy allows the "
              + action
              + " action");
    }
    return arn;
  }

  /** An authorized ARN of the caller's region: another region's resources do not exist here. */
  static WorkflowArn reachable(ApiRequest r, WorkflowArn arn) {
    if (!authorized(r, arn).region().equals(r.region())) {
      throw WorkflowStore.notFound(arn.toString());
    }
    return arn;
  }

  private ObjectNode page(
      ApiRequest r,
      List<WorkflowBuild> items,
      String listMember,
      Function<WorkflowBuild, ObjectNode> render) {
    ObjectNode scopeNode = r.input().deepCopy();
    scopeNode.remove(List.of("nextToken", "maxResults"));
    String scope = r.operation() + " " + r.account() + " " + r.region() + " " + scopeNode;
    int from = Math.min(tokens.offset(scope, r.text("nextToken")), items.size());
    int to = Math.min(items.size(), from + r.input().path("maxResults").asInt(DEFAULT_PAGE));
    ObjectNode response = WorkflowJson.MAPPER.createObjectNode();
    ArrayNode list = response.putArray(listMember);
    items.subList(from, to).forEach(b -> list.add(render.apply(b)));
    if (to < items.size()) {
      response.put("nextToken", tokens.issue(scope, to));
    }
    return response;
  }

  private static Predicate<WorkflowBuild> filters(JsonNode filters) {
    Predicate<WorkflowBuild> all = b -> true;
    for (JsonNode f : filters) {
      List<String> values = textValues(f.path("values"));
      all =
          all.and(
              switch (f.path("name").asText("")) {
                case "name" ->
                    b ->
                        values.stream()
                            .anyMatch(
                                v ->
                                    b.name()
                                        .toLowerCase(Locale.ROOT)
                                        .contains(v.toLowerCase(Locale.ROOT)));
                case "type" -> b -> values.contains(b.type());
                case "version" -> b -> values.contains(b.version());
                default ->
                    throw new ApiException(
                        ErrorType.InvalidRequestException,
                        "The filter name " + f.path("name").asText("") + " is not supported.");
              });
    }
    return all;
  }

  private static List<String> textValues(JsonNode array) {
    return StreamSupport.stream(array.spliterator(), false).map(JsonNode::asText).toList();
  }
}
