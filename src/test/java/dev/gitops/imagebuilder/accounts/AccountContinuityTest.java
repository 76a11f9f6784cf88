package dev.gitops.imagebuilder.accounts;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gitops.imagebuilder.api.ImageBuilderWorkflowStatus;
import dev.gitops.imagebuilder.aws.AccountRef;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class AccountContinuityTest {
  private static final String ROLE_1 = "arn:aws:iam::111111111111:role/one";
  private static final String ROLE_1_RENAMED = "arn:aws:iam::111111111111:role/renamed";
  private static final String ROLE_2 = "arn:aws:iam::222222222222:role/two";
  private static final String BUILD_IN_1 =
      "arn:aws:imagebuilder:us-east-1:111111111111:workflow/build/f/1.0.0/1";
  private static final String BUILD_OWN =
      "arn:aws:imagebuilder:us-east-1:999999999999:workflow/build/f/1.0.0/1";
  private static final String AWS_PUBLISHED =
      "arn:aws:imagebuilder:us-east-1:aws:workflow/build/build-image/1.0.1/1";

  static ImageBuilderWorkflowStatus status(String build, String role) {
    ImageBuilderWorkflowStatus status = new ImageBuilderWorkflowStatus();
    status.setWorkflowBuildVersionArn(build);
    status.setRoleArn(role);
    return status;
  }

  static Stream<Arguments> cases() {
    AccountRef one = AccountRef.role(ROLE_1, null, "ns");
    AccountRef renamed = AccountRef.role(ROLE_1_RENAMED, null, "ns");
    AccountRef two = AccountRef.role(ROLE_2, null, "ns");
    return Stream.of(
        Arguments.of("no status yet", null, two, false),
        Arguments.of("no build yet: free to move", status(null, ROLE_1), two, false),
        Arguments.of("same role", status(BUILD_IN_1, ROLE_1), one, false),
        Arguments.of(
            "another role in the same account", status(BUILD_IN_1, ROLE_1), renamed, false),
        Arguments.of("another account", status(BUILD_IN_1, ROLE_1), two, true),
        Arguments.of(
            "role to the operator's own", status(BUILD_IN_1, ROLE_1), AccountRef.OWN, true),
        Arguments.of("own to a role", status(BUILD_OWN, null), one, true),
        Arguments.of("own stays own", status(BUILD_OWN, null), AccountRef.OWN, false),
        Arguments.of(
            "a workflow AWS publishes (Observe)", status(AWS_PUBLISHED, null), two, false));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void aResourceStaysInTheAccountOfItsBuilds(
      String title, ImageBuilderWorkflowStatus status, AccountRef mapped, boolean refused) {
    var refusal = AccountContinuity.refusal(status, mapped, "ns");
    assertThat(refusal.isPresent()).isEqualTo(refused);
    refusal.ifPresent(
        why ->
            assertThat(why)
                .contains(AccountRef.accountOf(status.getWorkflowBuildVersionArn()))
                .contains("recreate"));
  }
}
