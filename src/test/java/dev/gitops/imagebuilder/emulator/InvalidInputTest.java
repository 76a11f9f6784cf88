package dev.gitops.imagebuilder.emulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.UnaryOperator;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import software.amazon.awssdk.services.imagebuilder.ImagebuilderClient;
import software.amazon.awssdk.services.imagebuilder.model.ClientException;
import software.amazon.awssdk.services.imagebuilder.model.CreateWorkflowRequest;
import software.amazon.awssdk.services.imagebuilder.model.Filter;
import software.amazon.awssdk.services.imagebuilder.model.InvalidParameterCombinationException;
import software.amazon.awssdk.services.imagebuilder.model.InvalidParameterException;
import software.amazon.awssdk.services.imagebuilder.model.InvalidRequestException;
import software.amazon.awssdk.services.imagebuilder.model.InvalidVersionNumberException;

/**
 * One invalid input per model constraint: the exception the model lists, its status, and no change
 * of state.
 */
class InvalidInputTest {

  @RegisterExtension static final EmulatorFixture fx = new EmulatorFixture();

  private static final String BUILD =
      "arn:aws:imagebuilder:us-east-1:123456789012:workflow/build/seed/1.0.0/1";

  @BeforeEach
  void seed() {
    fx.client.createWorkflow(
        SampleWorkflows.create("seed", "1.0.0").tags(Map.of("k", "v")).build());
    fx.emu.s3().putObject("bucket", "flow.yaml", SampleWorkflows.DOCUMENT);
  }

  static Stream<Arguments> invalidInputs() {
    return Stream.of(
        create("name shorter than 3", b -> b.name("ab"), InvalidRequestException.class),
        create("name longer than 128", b -> b.name("a".repeat(129)), InvalidRequestException.class),
        create("name starting with a space", b -> b.name(" abc"), InvalidRequestException.class),
        create(
            "name with a character outside the pattern",
            b -> b.name("a*b"),
            InvalidRequestException.class),
        create(
            "version with two nodes",
            b -> b.semanticVersion("1.0"),
            InvalidVersionNumberException.class),
        create(
            "version with four nodes",
            b -> b.semanticVersion("1.0.0.1"),
            InvalidVersionNumberException.class),
        create(
            "version with a wildcard",
            b -> b.semanticVersion("1.x.0"),
            InvalidVersionNumberException.class),
        create(
            "version node above 2^30-1",
            b -> b.semanticVersion("1.1073741824.0"),
            InvalidVersionNumberException.class),
        create("description empty", b -> b.description(""), InvalidRequestException.class),
        create(
            "description over 1024",
            b -> b.description("d".repeat(1025)),
            InvalidRequestException.class),
        create(
            "changeDescription empty", b -> b.changeDescription(""), InvalidRequestException.class),
        create(
            "changeDescription over 1024",
            b -> b.changeDescription("c".repeat(1025)),
            InvalidRequestException.class),
        create("data empty", b -> b.data(""), InvalidRequestException.class),
        create(
            "data over 16000",
            b -> b.data(SampleWorkflows.document("x") + "#" + "p".repeat(16000)),
            InvalidRequestException.class),
        create(
            "data with NUL",
            b -> b.data(SampleWorkflows.document("x") + "\u0000"),
            InvalidRequestException.class),
        create(
            "data and uri together",
            b -> b.uri("s3://bucket/flow.yaml"),
            InvalidParameterCombinationException.class),
        create("neither data nor uri", b -> b.data(null), InvalidRequestException.class),
        create(
            "uri not an S3 URL",
            b -> b.data(null).uri("https://bucket/flow.yaml"),
            InvalidRequestException.class),
        create(
            "uri naming no object",
            b -> b.data(null).uri("s3://bucket/absent.yaml"),
            ClientException.class),
        create("kmsKeyId empty", b -> b.kmsKeyId(""), InvalidRequestException.class),
        create(
            "kmsKeyId over 1024", b -> b.kmsKeyId("k".repeat(1025)), InvalidRequestException.class),
        create("tags empty", b -> b.tags(Map.of()), InvalidRequestException.class),
        create("tags over 50", b -> b.tags(tags(51)), InvalidRequestException.class),
        create(
            "tag key with aws: prefix",
            b -> b.tags(Map.of("aws:team", "a")),
            InvalidRequestException.class),
        create("tag key empty", b -> b.tags(Map.of("", "a")), InvalidRequestException.class),
        create(
            "tag key over 128",
            b -> b.tags(Map.of("k".repeat(129), "a")),
            InvalidRequestException.class),
        create(
            "tag key outside the pattern",
            b -> b.tags(Map.of("a#b", "a")),
            InvalidRequestException.class),
        create(
            "tag value over 256",
            b -> b.tags(Map.of("k", "v".repeat(257))),
            InvalidRequestException.class),
        create("clientToken empty", b -> b.clientToken(""), InvalidRequestException.class),
        create(
            "clientToken over 64",
            b -> b.clientToken("t".repeat(65)),
            InvalidRequestException.class),
        create("type outside the enum", b -> b.type("WORKFLOW"), InvalidRequestException.class),
        create("data not YAML", b -> b.data("steps: [unclosed"), InvalidRequestException.class),
        create(
            "document without schemaVersion",
            b -> b.data("steps:\n  - name: a\n    action: b\n"),
            InvalidRequestException.class),
        create(
            "document with empty steps",
            b -> b.data("schemaVersion: 1.0\nsteps: []\n"),
            InvalidRequestException.class),
        create(
            "step without action",
            b -> b.data("schemaVersion: 1.0\nsteps:\n  - name: a\n"),
            InvalidRequestException.class),
        create(
            "parameter of unknown type",
            b -> b.data(SampleWorkflows.DOCUMENT.replace("type: boolean", "type: float")),
            InvalidRequestException.class),
        call(
            "GetWorkflow without an ARN",
            c -> c.getWorkflow(r -> {}),
            InvalidRequestException.class),
        call(
            "GetWorkflow ARN with upper case",
            c -> c.getWorkflow(r -> r.workflowBuildVersionArn(BUILD.replace("seed", "Seed"))),
            InvalidRequestException.class),
        call(
            "GetWorkflow ARN of a component",
            c ->
                c.getWorkflow(
                    r ->
                        r.workflowBuildVersionArn(
                            "arn:aws:imagebuilder:us-east-1:123456789012:component/c/1.0.0/1")),
            InvalidRequestException.class),
        call(
            "DeleteWorkflow of a version ARN",
            c ->
                c.deleteWorkflow(
                    r -> r.workflowBuildVersionArn(BUILD.substring(0, BUILD.length() - 2))),
            InvalidRequestException.class),
        call(
            "ListWorkflows maxResults 0",
            c -> c.listWorkflows(r -> r.maxResults(0)),
            InvalidRequestException.class),
        call(
            "ListWorkflows maxResults 26",
            c -> c.listWorkflows(r -> r.maxResults(26)),
            InvalidRequestException.class),
        call(
            "ListWorkflows unknown owner",
            c -> c.listWorkflows(r -> r.owner("Nobody")),
            InvalidRequestException.class),
        call(
            "ListWorkflows 11 filters",
            c ->
                c.listWorkflows(
                    r ->
                        r.filters(
                            IntStream.range(0, 11)
                                .mapToObj(i -> Filter.builder().name("name").values("a").build())
                                .toList())),
            InvalidRequestException.class),
        call(
            "ListWorkflows filter name outside the pattern",
            c ->
                c.listWorkflows(r -> r.filters(Filter.builder().name("na me").values("a").build())),
            InvalidRequestException.class),
        call(
            "ListWorkflows 11 filter values",
            c ->
                c.listWorkflows(
                    r ->
                        r.filters(
                            Filter.builder()
                                .name("name")
                                .values(IntStream.range(0, 11).mapToObj(i -> "v" + i).toList())
                                .build())),
            InvalidRequestException.class),
        call(
            "ListWorkflows empty nextToken",
            c -> c.listWorkflows(r -> r.nextToken("")),
            InvalidRequestException.class),
        call(
            "ListWorkflowBuildVersions of a build ARN",
            c -> c.listWorkflowBuildVersions(r -> r.workflowVersionArn(BUILD)),
            InvalidRequestException.class),
        call(
            "ListWorkflowBuildVersions maxResults 26",
            c ->
                c.listWorkflowBuildVersions(
                    r ->
                        r.workflowVersionArn(BUILD.substring(0, BUILD.length() - 2))
                            .maxResults(26)),
            InvalidRequestException.class),
        call(
            "TagResource without tags",
            c -> c.tagResource(r -> r.resourceArn(BUILD)),
            InvalidParameterException.class),
        call(
            "TagResource tag value over 256",
            c -> c.tagResource(r -> r.resourceArn(BUILD).tags(Map.of("k", "v".repeat(257)))),
            InvalidParameterException.class),
        call(
            "UntagResource 51 keys",
            c -> c.untagResource(r -> r.resourceArn(BUILD).tagKeys(List.copyOf(tags(51).keySet()))),
            InvalidParameterException.class),
        call(
            "ListTagsForResource ARN of another service",
            c ->
                c.listTagsForResource(
                    r -> r.resourceArn("arn:aws:ec2:us-east-1:123456789012:instance/i-1")),
            InvalidParameterException.class));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("invalidInputs")
  void isRejectedWithTheModelsExceptionAndStoresNothing(
      String constraint, Consumer<ImagebuilderClient> call, Class<? extends Exception> expected) {
    List<WorkflowBuild> before = fx.emu.builds();

    assertThatThrownBy(() -> call.accept(fx.client))
        .isInstanceOf(expected)
        .satisfies(e -> Errors.assertError(e, expected.getSimpleName(), 400));

    assertThat(fx.emu.builds()).isEqualTo(before);
  }

  private static Arguments create(
      String constraint,
      UnaryOperator<CreateWorkflowRequest.Builder> change,
      Class<? extends Exception> expected) {
    Consumer<ImagebuilderClient> call =
        c ->
            c.createWorkflow(
                change
                    .apply(
                        SampleWorkflows.create("fresh", "2.0.0")
                            .clientToken("t-" + constraint.hashCode()))
                    .build());
    return Arguments.of(constraint, call, expected);
  }

  private static Arguments call(
      String constraint, Consumer<ImagebuilderClient> call, Class<? extends Exception> expected) {
    return Arguments.of(constraint, call, expected);
  }

  private static Map<String, String> tags(int count) {
    Map<String, String> tags = new HashMap<>();
    IntStream.range(0, count).forEach(i -> tags.put("key" + i, "v"));
    return tags;
  }
}
