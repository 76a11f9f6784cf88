package dev.gitops.imagebuilder.emulator;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Supplier;

/** Serves one routed call: permission, model constraints, then the operation. */
final class ApiDispatcher {

  private final Map<Operation, Function<ApiRequest, ObjectNode>> handlers;
  private final Supplier<Set<Operation>> forbidden;

  ApiDispatcher(
      WorkflowStore store, InMemoryS3 s3, PageTokens tokens, Supplier<Set<Operation>> forbidden) {
    CreateWorkflowHandler create = new CreateWorkflowHandler(store, s3);
    WorkflowQueries queries = new WorkflowQueries(store, tokens);
    BuildMutations mutations = new BuildMutations(store);
    this.forbidden = forbidden;
    this.handlers =
        Map.of(
            Operation.CreateWorkflow, create::handle,
            Operation.GetWorkflow, queries::get,
            Operation.ListWorkflows, queries::listWorkflows,
            Operation.ListWorkflowBuildVersions, queries::listBuildVersions,
            Operation.DeleteWorkflow, mutations::delete,
            Operation.TagResource, mutations::tag,
            Operation.UntagResource, mutations::untag,
            Operation.ListTagsForResource, mutations::listTags);
  }

  ObjectNode dispatch(ApiRequest request) {
    if (forbidden.get().contains(request.operation())) {
      // The tag calls do not list ForbiddenException: the SDK raises a plain ImagebuilderException
      // for them.
      throw new ApiException(
          ErrorType.ForbiddenException,
          "User is not authorized to perform: imagebuilder:" + request.operation() + ".");
    }
    ModelConstraints.check(request.operation(), request.input());
    return handlers.get(request.operation()).apply(request);
  }
}
