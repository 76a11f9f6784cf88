package dev.gitops.imagebuilder.emulator;

import static dev.gitops.imagebuilder.emulator.ErrorType.InvalidParameterException;
import static dev.gitops.imagebuilder.emulator.ErrorType.InvalidRequestException;
import static dev.gitops.imagebuilder.emulator.ErrorType.InvalidVersionNumberException;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The input constraints of the service model (imagebuilder 2019-12-02), per operation, each with
 * the exception the model lists for that operation: InvalidVersionNumberException for
 * semanticVersion, InvalidParameterException for the tag calls (their only client error),
 * InvalidRequestException for everything else. Cross-member rules (data/uri, wildcard order,
 * version node range) live in the operations.
 */
final class ModelConstraints {

  static final Pattern RESOURCE_NAME =
      Pattern.compile("^[-_A-Za-z-0-9][-_A-Za-z0-9 ]{1,126}[-_A-Za-z-0-9]$");
  static final Pattern VERSION_NUMBER = Pattern.compile("^[0-9]+\\.[0-9]+\\.[0-9]+$");
  static final Pattern NO_NUL = Pattern.compile("[^\\x00]+");
  static final Pattern TAG_KEY = Pattern.compile("^(?!aws:)[a-zA-Z0-9\\s_.:/=+\\-@]*$");
  private static final String ARN_HEAD =
      "^arn:aws(?:-[a-z]+)*:imagebuilder:[a-z]{2,}(?:-[a-z]+)+-[0-9]+:(?:[0-9]{12}|aws(?:-[a-z-]+)?):"
          + "workflow/(build|test|distribution)/[a-z0-9-_]+/";
  static final Pattern BUILD_VERSION_ARN =
      Pattern.compile(ARN_HEAD + "[0-9]+\\.[0-9]+\\.[0-9]+/[0-9]+$");
  static final Pattern VERSION_OR_BUILD_ARN =
      Pattern.compile(
          ARN_HEAD
              + "(?:(?:([0-9]+|x)\\.([0-9]+|x)\\.([0-9]+|x))|(?:[0-9]+\\.[0-9]+\\.[0-9]+/[0-9]+))$");
  static final Pattern WILDCARD_VERSION_ARN =
      Pattern.compile(ARN_HEAD + "(?:[0-9]+|x)\\.(?:[0-9]+|x)\\.(?:[0-9]+|x)$");
  static final Pattern IMAGE_BUILDER_ARN =
      Pattern.compile(
          "^arn:aws[^:]*:imagebuilder:[^:]+:(?:[0-9]{12}|aws(?:-[a-z-]+)?):(?:image-recipe|container-recipe|"
              + "infrastructure-configuration|distribution-configuration|component|image|image-pipeline|"
              + "lifecycle-policy|workflow\\/(?:build|test|distribution))/[a-z0-9-_]+"
              + "(?:/(?:(?:x|[0-9]+)\\.(?:x|[0-9]+)\\.(?:x|[0-9]+))(?:/[0-9]+)?)?$");
  private static final Pattern FILTER_NAME = Pattern.compile("^[a-zA-Z]{1,1024}$");
  private static final Pattern FILTER_VALUE = Pattern.compile("^[0-9a-zA-Z./_ :,{}\"-]{1,1024}$");
  private static final int UNBOUNDED = Integer.MAX_VALUE;

  private static final Map<Operation, List<Rule>> RULES =
      Map.of(
          Operation.CreateWorkflow,
              List.of(
                  str("name", true, 0, UNBOUNDED, RESOURCE_NAME),
                  new Rule.Str(
                      "semanticVersion",
                      true,
                      0,
                      UNBOUNDED,
                      VERSION_NUMBER,
                      InvalidVersionNumberException),
                  str("description", false, 1, 1024, null),
                  str("changeDescription", false, 1, 1024, null),
                  str("data", false, 1, 16000, NO_NUL),
                  str("uri", false, 0, UNBOUNDED, null),
                  str("kmsKeyId", false, 1, 1024, null),
                  tags(InvalidRequestException),
                  str("clientToken", true, 1, 64, null),
                  new Rule.OneOf(
                      "type",
                      true,
                      Set.of("BUILD", "TEST", "DISTRIBUTION"),
                      InvalidRequestException),
                  new Rule.Bool("dryRun", InvalidRequestException)),
          Operation.GetWorkflow,
              List.of(str("workflowBuildVersionArn", true, 0, 1024, VERSION_OR_BUILD_ARN)),
          Operation.DeleteWorkflow,
              List.of(str("workflowBuildVersionArn", true, 0, 1024, BUILD_VERSION_ARN)),
          Operation.ListWorkflows,
              List.of(
                  new Rule.OneOf(
                      "owner",
                      false,
                      Set.of("Self", "Shared", "Amazon", "ThirdParty", "AWSMarketplace"),
                      InvalidRequestException),
                  new Rule.ListOf(
                      "filters",
                      false,
                      1,
                      10,
                      new Rule.Struct(
                          "filters",
                          List.of(
                              str("name", false, 0, UNBOUNDED, FILTER_NAME),
                              new Rule.ListOf(
                                  "values",
                                  false,
                                  1,
                                  10,
                                  str("values", true, 0, UNBOUNDED, FILTER_VALUE),
                                  InvalidRequestException))),
                      InvalidRequestException),
                  new Rule.Bool("byName", InvalidRequestException),
                  new Rule.Int("maxResults", 1, 25, InvalidRequestException),
                  str("nextToken", false, 1, 65535, null)),
          Operation.ListWorkflowBuildVersions,
              List.of(
                  str("workflowVersionArn", false, 0, UNBOUNDED, WILDCARD_VERSION_ARN),
                  new Rule.Int("maxResults", 1, 25, InvalidRequestException),
                  str("nextToken", false, 1, 65535, null)),
          Operation.TagResource, List.of(arn(), tags(InvalidParameterException), required("tags")),
          Operation.UntagResource,
              List.of(
                  arn(),
                  new Rule.ListOf(
                      "tagKeys",
                      true,
                      1,
                      50,
                      new Rule.Str("tagKeys", true, 1, 128, TAG_KEY, InvalidParameterException),
                      InvalidParameterException)),
          Operation.ListTagsForResource, List.of(arn()));

  private ModelConstraints() {}

  /** Checks every member constraint of {@code op}'s input, in model member order. */
  static void check(Operation op, JsonNode input) {
    RULES.get(op).forEach(rule -> rule.check(input));
  }

  private static Rule.Str str(String member, boolean required, int min, int max, Pattern pattern) {
    return new Rule.Str(member, required, min, max, pattern, InvalidRequestException);
  }

  private static Rule arn() {
    return new Rule.Str(
        "resourceArn", true, 0, UNBOUNDED, IMAGE_BUILDER_ARN, InvalidParameterException);
  }

  private static Rule tags(ErrorType error) {
    return new Rule.StrMap(
        "tags",
        false,
        1,
        50,
        new Rule.Str("key", true, 1, 128, TAG_KEY, error),
        new Rule.Str("value", true, 0, 256, null, error),
        error);
  }

  private static Rule required(String member) {
    return input -> {
      if (!input.hasNonNull(member)) {
        throw new ApiException(
            InvalidParameterException,
            "1 validation error detected: Value at '"
                + member
                + "' failed to satisfy constraint: Member is required");
      }
    };
  }
}
