package dev.gitops.imagebuilder.aws;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.gitops.imagebuilder.api.LatestVersionReferences;
import dev.gitops.imagebuilder.api.WorkflowType;
import org.junit.jupiter.api.Test;

class ArnFormatTest {
  @Test
  void versionArnUsesTheLowerCasedNameWithHyphensInTheSamePartitionRegionAndAccount() {
    ArnFormat seen =
        ArnFormat.parse("arn:aws:imagebuilder:eu-west-1:123456789012:workflow/build/other/9.9.9/1");
    assertThat(seen.versionArn(WorkflowType.TEST, "My Flow", "1.2.3"))
        .isEqualTo("arn:aws:imagebuilder:eu-west-1:123456789012:workflow/test/my-flow/1.2.3");
    ArnFormat china =
        ArnFormat.parse(
            "arn:aws-cn:imagebuilder:cn-north-1:123456789012:workflow/build/other/1.0.0/1");
    assertThat(china.versionArn(WorkflowType.BUILD, "flow", "1.0.0"))
        .isEqualTo("arn:aws-cn:imagebuilder:cn-north-1:123456789012:workflow/build/flow/1.0.0");
  }

  @Test
  void parsesBuildArnsAndDerivesLatestVersionReferences() {
    ArnFormat arn =
        ArnFormat.parse("arn:aws:imagebuilder:us-east-1:123456789012:workflow/build/flow/1.2.3/4");
    assertThat(arn.build()).isEqualTo(4);
    assertThat(arn.account()).isEqualTo("123456789012");
    assertThat(arn.region()).isEqualTo("us-east-1");
    LatestVersionReferences refs = arn.latestVersionReferences();
    String base = "arn:aws:imagebuilder:us-east-1:123456789012:workflow/build/flow/";
    assertThat(refs.getLatestVersionArn()).isEqualTo(base + "x.x.x");
    assertThat(refs.getLatestMajorVersionArn()).isEqualTo(base + "1.x.x");
    assertThat(refs.getLatestMinorVersionArn()).isEqualTo(base + "1.2.x");
    assertThat(refs.getLatestPatchVersionArn()).isEqualTo(base + "1.2.3");
    assertThat(ArnFormat.parse(base + "1.2.3").build()).isNull();
  }

  @Test
  void refusesOtherArns() {
    assertThatThrownBy(
            () -> ArnFormat.parse("arn:aws:imagebuilder:us-east-1:1:component/x/1.0.0/1"))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
