package dev.gitops.imagebuilder.emulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.services.imagebuilder.ImagebuilderClient;
import software.amazon.awssdk.services.imagebuilder.model.ForbiddenException;
import software.amazon.awssdk.services.imagebuilder.model.ImagebuilderException;
import software.amazon.awssdk.services.imagebuilder.model.Ownership;
import software.amazon.awssdk.services.imagebuilder.model.ServiceQuotaExceededException;
import software.amazon.awssdk.services.imagebuilder.model.Workflow;
import software.amazon.awssdk.services.sts.auth.StsAssumeRoleCredentialsProvider;

/**
 * Image Builder state per account: a client whose credentials come from the SDK's {@code
 * StsAssumeRoleCredentialsProvider} acts in the role's account, apart from the emulator's own.
 */
class AccountsTest {

  @RegisterExtension static final EmulatorFixture fx = new EmulatorFixture();

  private static final String ROLE_ACCOUNT = "210987654321";
  private static final String ROLE = StsAssumeRoleTest.ROLE;

  private StsAssumeRoleCredentialsProvider roleCredentials;
  private ImagebuilderClient role;

  @BeforeEach
  void assumeTheRole() {
    fx.emu.trust(ROLE, null);
    roleCredentials = EmulatorClients.assumingRole(fx.sts, ROLE, Duration.ofMinutes(5));
    role = EmulatorClients.imagebuilder(fx.emu, EmulatorFixture.REGION, false, roleCredentials);
  }

  @AfterEach
  void close() {
    role.close();
    roleCredentials.close();
  }

  @Test
  void aBuildMadeWithTheRoleIsInTheRoleAccountAndInvisibleToTheBaseAccount() {
    String arn =
        role.createWorkflow(SampleWorkflows.create("flow", "1.0.0").build())
            .workflowBuildVersionArn();

    assertThat(arn).isEqualTo(fx.arn(ROLE_ACCOUNT, "build/flow/1.0.0/1"));
    Workflow seen = role.getWorkflow(r -> r.workflowBuildVersionArn(arn)).workflow();
    assertThat(seen.owner()).isEqualTo(ROLE_ACCOUNT);
    assertThat(role.listWorkflows(r -> {}).workflowVersionList())
        .singleElement()
        .satisfies(v -> assertThat(v.owner()).isEqualTo(ROLE_ACCOUNT));

    assertThat(fx.client.listWorkflows(r -> {}).workflowVersionList()).isEmpty();
    assertThatThrownBy(() -> fx.noRetries.getWorkflow(r -> r.workflowBuildVersionArn(arn)))
        .isInstanceOf(ForbiddenException.class)
        .hasMessageContaining(
            "User: arn:aws:iam::123456789012:user/emulator is not authorized to perform:"
                + " imagebuilder:GetWorkflow on resource: "
                + arn);
    assertThatThrownBy(() -> fx.noRetries.deleteWorkflow(r -> r.workflowBuildVersionArn(arn)))
        .isInstanceOf(ForbiddenException.class);
    assertThatThrownBy(
            () ->
                fx.noRetries.listWorkflowBuildVersions(
                    r -> r.workflowVersionArn(fx.arn(ROLE_ACCOUNT, "build/flow/x.x.x"))))
        .isInstanceOf(ForbiddenException.class);
    assertThatThrownBy(() -> fx.noRetries.listTagsForResource(r -> r.resourceArn(arn)))
        .isInstanceOf(ImagebuilderException.class)
        .satisfies(e -> Errors.assertError(e, "ForbiddenException", 403));
  }

  @Test
  void anArnOfAnotherAccountIsForbiddenWhetherOrNotItExists() {
    assertThatThrownBy(
            () -> role.getWorkflow(r -> r.workflowBuildVersionArn(fx.arn("build/nothing/1.0.0/1"))))
        .isInstanceOf(ForbiddenException.class)
        .hasMessageContaining(
            "User: arn:aws:sts::210987654321:assumed-role/imagebuilder-operator/emulator-test");
  }

  @Test
  void theSameNameInTwoAccountsIsTwoIndependentWorkflows() {
    String mine =
        fx.client
            .createWorkflow(SampleWorkflows.create("flow", "1.0.0").clientToken("same").build())
            .workflowBuildVersionArn();
    String theirs =
        role.createWorkflow(
                SampleWorkflows.create("flow", "1.0.0")
                    .clientToken("same")
                    .description("theirs")
                    .build())
            .workflowBuildVersionArn();

    assertThat(mine).isEqualTo(fx.arn("build/flow/1.0.0/1"));
    assertThat(theirs).isEqualTo(fx.arn(ROLE_ACCOUNT, "build/flow/1.0.0/1"));
    role.deleteWorkflow(r -> r.workflowBuildVersionArn(theirs));

    assertThat(fx.client.getWorkflow(r -> r.workflowBuildVersionArn(mine)).workflow().owner())
        .isEqualTo(fx.emu.account());
    assertThat(fx.emu.builds(fx.emu.account())).hasSize(1);
    assertThat(fx.emu.builds(ROLE_ACCOUNT)).isEmpty();
    assertThat(
            role.createWorkflow(SampleWorkflows.create("flow", "1.0.0").build())
                .workflowBuildVersionArn())
        .as("numbers are never reused, per account")
        .isEqualTo(fx.arn(ROLE_ACCOUNT, "build/flow/1.0.0/2"));
  }

  @Test
  void theQuotaIsCountedPerAccount() {
    fx.emu.maxBuildVersions(1);
    fx.client.createWorkflow(SampleWorkflows.create("flow", "1.0.0").build());
    role.createWorkflow(SampleWorkflows.create("flow", "1.0.0").build());

    assertThatThrownBy(() -> role.createWorkflow(SampleWorkflows.create("flow", "1.0.1").build()))
        .isInstanceOf(ServiceQuotaExceededException.class);
  }

  @Test
  void workflowsAwsPublishesStayReadableFromEveryAccount() {
    assertThat(role.listWorkflows(r -> r.owner(Ownership.AMAZON)).workflowVersionList())
        .isNotEmpty();
    assertThat(
            role.getWorkflow(
                    r ->
                        r.workflowBuildVersionArn(
                            "arn:aws:imagebuilder:us-east-1:aws:workflow/build/build-image/x.x.x"))
                .workflow()
                .owner())
        .isEqualTo("Amazon");
  }

  @Test
  void buildsAndCountersAreReportedPerAccount() throws Exception {
    fx.client.createWorkflow(SampleWorkflows.create("mine", "1.0.0").build());
    String theirs =
        role.createWorkflow(SampleWorkflows.create("theirs", "1.0.0").build())
            .workflowBuildVersionArn();
    role.listWorkflows(r -> {});

    assertThat(fx.emu.builds(ROLE_ACCOUNT)).extracting(WorkflowBuild::arn).containsExactly(theirs);
    assertThat(fx.emu.builds()).hasSize(2);
    JsonNode listed = ControlCalls.get(fx.emu, "builds?account=" + ROLE_ACCOUNT);
    assertThat(listed).hasSize(1);
    assertThat(listed.get(0).path("arn").asText()).isEqualTo(theirs);
    assertThat(listed.get(0).path("account").asText()).isEqualTo(ROLE_ACCOUNT);
    assertThat(listed.get(0).path("owner").asText()).isEqualTo(ROLE_ACCOUNT);
    assertThat(ControlCalls.get(fx.emu, "builds")).hasSize(2);

    Counters theirCalls = fx.emu.counters(ROLE_ACCOUNT);
    assertThat(theirCalls.get("CreateWorkflow", Counters.OK)).isEqualTo(1);
    assertThat(theirCalls.get("ListWorkflows", Counters.OK)).isEqualTo(1);
    assertThat(theirCalls.get("AssumeRole", Counters.OK)).isEqualTo(1);
    assertThat(fx.emu.counters(fx.emu.account()).snapshot()).containsOnlyKeys("CreateWorkflow");
    assertThat(fx.emu.counters().get("CreateWorkflow", Counters.OK)).isEqualTo(2);

    JsonNode counters = ControlCalls.get(fx.emu, "counters?account=" + ROLE_ACCOUNT);
    assertThat(counters.path("CreateWorkflow").path("ok").asLong()).isEqualTo(1);
    assertThat(counters.path("AssumeRole").path("ok").asLong()).isEqualTo(1);
    assertThat(ControlCalls.get(fx.emu, "counters").path("CreateWorkflow").path("ok").asLong())
        .isEqualTo(2);
  }

  @Test
  void controlCallsTakingAnArnActInItsAccount() throws Exception {
    String theirs =
        role.createWorkflow(SampleWorkflows.create("flow", "1.0.0").build())
            .workflowBuildVersionArn();

    ControlCalls.send(fx.emu, "POST", "deprecate", "{\"arn\":\"" + theirs + "\"}");
    assertThat(
            role.getWorkflow(r -> r.workflowBuildVersionArn(theirs))
                .workflow()
                .state()
                .statusAsString())
        .isEqualTo("DEPRECATED");

    fx.emu.deleteOutOfBand(theirs);
    assertThat(fx.emu.builds()).isEmpty();
  }
}
