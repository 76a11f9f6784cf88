package dev.gitops.imagebuilder.emulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.services.imagebuilder.ImagebuilderClient;
import software.amazon.awssdk.services.sts.auth.StsAssumeRoleCredentialsProvider;
import software.amazon.awssdk.services.sts.model.Credentials;

/**
 * The credentials AssumeRole issues: bound to their session token, refused once expired, renewed by
 * the SDK's provider; trust and lifetime set through the HTTP control API.
 */
class SessionCredentialsTest {

  @RegisterExtension static final EmulatorFixture fx = new EmulatorFixture();

  private static final String ROLE = StsAssumeRoleTest.ROLE;

  @Test
  void expiredCredentialsAreRefusedWithExpiredTokenException() throws Exception {
    fx.emu.trust(ROLE, null);
    fx.emu.credentialLifetime(Duration.ofSeconds(2));
    Credentials session =
        fx.sts.assumeRole(r -> r.roleArn(ROLE).roleSessionName("short")).credentials();

    try (ImagebuilderClient client = client(session, session.sessionToken())) {
      assertThat(client.listWorkflows(r -> {}).workflowVersionList()).isEmpty();
      Thread.sleep(Duration.between(Instant.now(), session.expiration()).toMillis() + 200);

      assertThatThrownBy(() -> client.listWorkflows(r -> {}))
          .satisfies(e -> Errors.assertError(e, "ExpiredTokenException", 403))
          .hasMessageContaining("The security token included in the request is expired");
    }
    assertThat(fx.emu.counters("210987654321").get("ListWorkflows", "ExpiredTokenException"))
        .isEqualTo(1);
  }

  @Test
  void theSdkProviderRenewsShortLivedCredentialsSoCallsKeepSucceeding() throws Exception {
    fx.emu.trust(ROLE, null);
    fx.emu.credentialLifetime(Duration.ofSeconds(2));

    try (StsAssumeRoleCredentialsProvider credentials =
            EmulatorClients.assumingRole(fx.sts, ROLE, Duration.ofMillis(1000));
        ImagebuilderClient client =
            EmulatorClients.imagebuilder(fx.emu, EmulatorFixture.REGION, false, credentials)) {
      Instant end = Instant.now().plusSeconds(5);
      int calls = 0;
      while (Instant.now().isBefore(end)) {
        client.listWorkflows(r -> {});
        calls++;
        Thread.sleep(100);
      }
      assertThat(calls).isGreaterThan(20);
    }
    Counters roleCalls = fx.emu.counters("210987654321");
    assertThat(roleCalls.get("AssumeRole", Counters.OK)).as("renewals").isGreaterThanOrEqualTo(3);
    assertThat(roleCalls.total("ListWorkflows"))
        .isEqualTo(roleCalls.get("ListWorkflows", Counters.OK));
  }

  @Test
  void aSessionKeyNeedsItsOwnSessionTokenAndAnUnknownSessionKeyIsRefused() {
    fx.emu.trust(ROLE, null);
    Credentials session =
        fx.sts.assumeRole(r -> r.roleArn(ROLE).roleSessionName("bound")).credentials();
    Credentials other =
        fx.sts.assumeRole(r -> r.roleArn(ROLE).roleSessionName("other")).credentials();

    try (ImagebuilderClient wrongToken = client(session, other.sessionToken());
        ImagebuilderClient unknownKey =
            client(
                Credentials.builder()
                    .accessKeyId("ASIAUNKNOWNKEY000000")
                    .secretAccessKey("secret")
                    .sessionToken("token")
                    .build(),
                "token")) {
      assertThatThrownBy(() -> wrongToken.listWorkflows(r -> {}))
          .satisfies(e -> Errors.assertError(e, "UnrecognizedClientException", 403));
      assertThatThrownBy(() -> unknownKey.listWorkflows(r -> {}))
          .satisfies(e -> Errors.assertError(e, "UnrecognizedClientException", 403));
    }
  }

  @Test
  void issuedCredentialsOutliveTheTrustThatGaveThem() {
    fx.emu.trust(ROLE, null);
    Credentials session =
        fx.sts.assumeRole(r -> r.roleArn(ROLE).roleSessionName("kept")).credentials();

    fx.emu.reset();
    try (ImagebuilderClient client = client(session, session.sessionToken())) {
      assertThat(
              client
                  .createWorkflow(SampleWorkflows.create("flow", "1.0.0").build())
                  .workflowBuildVersionArn())
          .isEqualTo(fx.arn("210987654321", "build/flow/1.0.0/1"));
    }
  }

  @Test
  void trustAndLifetimeAreSetThroughTheControlApi() throws Exception {
    assertThat(
            ControlCalls.send(
                    fx.emu,
                    "PUT",
                    "trust",
                    "{\"roleArn\":\"" + ROLE + "\",\"externalId\":\"tenant-7\"}")
                .statusCode())
        .isEqualTo(204);
    assertThat(
            ControlCalls.send(fx.emu, "PUT", "credential-lifetime", "{\"seconds\":60}")
                .statusCode())
        .isEqualTo(204);
    Instant before = Instant.now();

    assertThatThrownBy(() -> fx.sts.assumeRole(r -> r.roleArn(ROLE).roleSessionName("http")))
        .satisfies(e -> Errors.assertError(e, "AccessDenied", 403));
    assertThat(
            fx.sts
                .assumeRole(r -> r.roleArn(ROLE).roleSessionName("http").externalId("tenant-7"))
                .credentials()
                .expiration())
        .isCloseTo(before.plusSeconds(60), within(5, ChronoUnit.SECONDS));

    assertThat(
            ControlCalls.send(fx.emu, "DELETE", "trust", "{\"roleArn\":\"" + ROLE + "\"}")
                .statusCode())
        .isEqualTo(204);
    assertThatThrownBy(
            () ->
                fx.sts.assumeRole(
                    r -> r.roleArn(ROLE).roleSessionName("http").externalId("tenant-7")))
        .satisfies(e -> Errors.assertError(e, "AccessDenied", 403));

    ControlCalls.send(fx.emu, "PUT", "trust", "{\"roleArn\":\"" + ROLE + "\"}");
    ControlCalls.send(fx.emu, "POST", "reset", "");
    assertThatThrownBy(() -> fx.sts.assumeRole(r -> r.roleArn(ROLE).roleSessionName("http")))
        .as("reset forgets trusted roles")
        .satisfies(e -> Errors.assertError(e, "AccessDenied", 403));
  }

  @Test
  void theControlApiRefusesWhatIsNotARoleOrALifetime() throws Exception {
    assertThat(
            ControlCalls.send(fx.emu, "PUT", "trust", "{\"roleArn\":\"arn:aws:iam::1:user/x\"}")
                .statusCode())
        .isEqualTo(400);
    assertThat(
            ControlCalls.send(
                    fx.emu,
                    "PUT",
                    "trust",
                    "{\"roleArn\":\"" + ROLE + "\",\"externalId\":\"has space\"}")
                .statusCode())
        .isEqualTo(400);
    assertThat(
            ControlCalls.send(fx.emu, "PUT", "credential-lifetime", "{\"seconds\":0}").statusCode())
        .isEqualTo(400);
  }

  private static ImagebuilderClient client(Credentials keys, String sessionToken) {
    return EmulatorClients.imagebuilder(
        fx.emu,
        EmulatorFixture.REGION,
        false,
        StaticCredentialsProvider.create(
            AwsSessionCredentials.create(
                keys.accessKeyId(), keys.secretAccessKey(), sessionToken)));
  }
}
