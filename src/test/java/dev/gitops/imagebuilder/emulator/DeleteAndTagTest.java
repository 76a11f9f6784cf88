package dev.gitops.imagebuilder.emulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.services.imagebuilder.model.InvalidParameterException;
import software.amazon.awssdk.services.imagebuilder.model.InvalidRequestException;
import software.amazon.awssdk.services.imagebuilder.model.ResourceDependencyException;
import software.amazon.awssdk.services.imagebuilder.model.ResourceNotFoundException;

class DeleteAndTagTest {

  @RegisterExtension static final EmulatorFixture fx = new EmulatorFixture();

  @Test
  void deleteRemovesOneBuildAndAnswersItsArn() {
    String first = create("1.0.0", "a");
    String second = create("1.0.0", "b");

    assertThat(
            fx.client
                .deleteWorkflow(r -> r.workflowBuildVersionArn(second))
                .workflowBuildVersionArn())
        .isEqualTo(second);
    assertThat(fx.emu.builds()).extracting(WorkflowBuild::arn).containsExactly(first);
    assertThat(
            fx.client
                .getWorkflow(r -> r.workflowBuildVersionArn(fx.arn("build/flow/1.0.0")))
                .workflow()
                .arn())
        .isEqualTo(first);
  }

  @Test
  void deletingOrGettingAMissingBuildIsResourceNotFound() {
    String arn = create("1.0.0", "a");
    fx.emu.deleteOutOfBand(arn);

    // The model does not list it for these calls; SDK 2.40 still maps the code to its class (all of
    // the service's
    // exceptions are registered client-wide), so callers can rely on the class or on the error
    // code.
    assertThatThrownBy(() -> fx.client.deleteWorkflow(r -> r.workflowBuildVersionArn(arn)))
        .isInstanceOf(ResourceNotFoundException.class)
        .satisfies(e -> Errors.assertError(e, "ResourceNotFoundException", 404));
    assertThatThrownBy(() -> fx.client.getWorkflow(r -> r.workflowBuildVersionArn(arn)))
        .isInstanceOf(ResourceNotFoundException.class)
        .satisfies(e -> Errors.assertError(e, "ResourceNotFoundException", 404));
  }

  @Test
  void aBuildInUseCannotBeDeleted() {
    String arn = create("1.0.0", "a");
    fx.emu.markInUse(arn, true);

    assertThatThrownBy(() -> fx.client.deleteWorkflow(r -> r.workflowBuildVersionArn(arn)))
        .isInstanceOf(ResourceDependencyException.class)
        .satisfies(e -> Errors.assertError(e, "ResourceDependencyException", 400));
    assertThat(fx.emu.builds()).hasSize(1);

    fx.emu.markInUse(arn, false);
    fx.client.deleteWorkflow(r -> r.workflowBuildVersionArn(arn));
    assertThat(fx.emu.builds()).isEmpty();
  }

  @Test
  void deleteTakesOnlyBuildArns() {
    create("1.0.0", "a");

    for (String notABuild : new String[] {"build/flow/1.0.0", "build/flow/x.x.x"}) {
      assertThatThrownBy(
              () -> fx.client.deleteWorkflow(r -> r.workflowBuildVersionArn(fx.arn(notABuild))))
          .isInstanceOf(InvalidRequestException.class);
    }
    assertThat(fx.emu.builds()).hasSize(1);
  }

  @Test
  void tagsAreAddedListedAndRemovedOnABuild() {
    String arn =
        fx.client
            .createWorkflow(SampleWorkflows.create("flow", "1.0.0").tags(Map.of("a", "1")).build())
            .workflowBuildVersionArn();

    fx.client.tagResource(r -> r.resourceArn(arn).tags(Map.of("b", "2", "a", "one", "empty", "")));
    assertThat(fx.client.listTagsForResource(r -> r.resourceArn(arn)).tags())
        .containsExactlyInAnyOrderEntriesOf(Map.of("a", "one", "b", "2", "empty", ""));

    fx.client.untagResource(r -> r.resourceArn(arn).tagKeys("a", "empty", "absent"));
    assertThat(fx.client.listTagsForResource(r -> r.resourceArn(arn)).tags())
        .containsExactly(Map.entry("b", "2"));
    assertThat(fx.emu.builds().get(0).tags()).containsExactly(Map.entry("b", "2"));
  }

  @Test
  void tagCallsOnUnknownResourcesAreResourceNotFound() {
    String missing = fx.arn("build/flow/1.0.0/1");
    String recipe = "arn:aws:imagebuilder:us-east-1:123456789012:image-recipe/r/1.0.0";

    for (String arn : new String[] {missing, recipe}) {
      assertThatThrownBy(() -> fx.client.listTagsForResource(r -> r.resourceArn(arn)))
          .isInstanceOf(ResourceNotFoundException.class)
          .satisfies(e -> Errors.assertError(e, "ResourceNotFoundException", 404));
      assertThatThrownBy(
              () -> fx.client.tagResource(r -> r.resourceArn(arn).tags(Map.of("a", "b"))))
          .isInstanceOf(ResourceNotFoundException.class);
      assertThatThrownBy(() -> fx.client.untagResource(r -> r.resourceArn(arn).tagKeys("a")))
          .isInstanceOf(ResourceNotFoundException.class);
    }
  }

  @Test
  void tagCallsRejectBadParameters() {
    String arn = create("1.0.0", "a");
    Map<String, String> fifty = new HashMap<>();
    for (int i = 0; i < 50; i++) {
      fifty.put("k" + i, "v");
    }
    fx.client.tagResource(r -> r.resourceArn(arn).tags(fifty));

    assertThatThrownBy(
            () -> fx.client.tagResource(r -> r.resourceArn(arn).tags(Map.of("one-too-many", "v"))))
        .isInstanceOf(InvalidParameterException.class)
        .satisfies(e -> Errors.assertError(e, "InvalidParameterException", 400));
    assertThatThrownBy(
            () -> fx.client.tagResource(r -> r.resourceArn(arn).tags(Map.of("aws:owner", "v"))))
        .isInstanceOf(InvalidParameterException.class);
    assertThatThrownBy(() -> fx.client.untagResource(r -> r.resourceArn(arn).tagKeys("bad#key")))
        .isInstanceOf(InvalidParameterException.class);
    assertThatThrownBy(
            () -> fx.client.listTagsForResource(r -> r.resourceArn("arn:aws:s3:::bucket")))
        .isInstanceOf(InvalidParameterException.class);
    assertThatThrownBy(
            () -> fx.client.listTagsForResource(r -> r.resourceArn(fx.arn("build/flow/1.0.0"))))
        .isInstanceOf(InvalidParameterException.class);
    assertThat(fx.emu.builds().get(0).tags()).hasSize(50);
  }

  private static String create(String version, String description) {
    return fx.client
        .createWorkflow(SampleWorkflows.create("flow", version).description(description).build())
        .workflowBuildVersionArn();
  }
}
