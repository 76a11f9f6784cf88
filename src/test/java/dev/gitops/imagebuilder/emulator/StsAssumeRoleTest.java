package dev.gitops.imagebuilder.emulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.sts.StsClient;
import software.amazon.awssdk.services.sts.model.AssumeRoleRequest;
import software.amazon.awssdk.services.sts.model.AssumeRoleResponse;
import software.amazon.awssdk.services.sts.model.Credentials;
import software.amazon.awssdk.services.sts.model.StsException;

/**
 * STS AssumeRole on the emulator's port, through the SDK's own {@code StsClient}: the answer's
 * members, the trust list with and without external IDs, the model's constraints, and the refusals
 * AWS gives.
 */
class StsAssumeRoleTest {

  @RegisterExtension static final EmulatorFixture fx = new EmulatorFixture();

  static final String ROLE = "arn:aws:iam::210987654321:role/imagebuilder-operator";
  static final String ROLE_WITH_PATH = "arn:aws:iam::345678901234:role/team/ops/deployer";
  private static final String LONG_NAME =
      "a123456789b123456789c123456789d123456789e123456789f123456789g1234";

  @Test
  void aTrustedRoleIsAssumedWithCredentialsOfItsAccount() {
    fx.emu.trust(ROLE, null);
    Instant before = Instant.now();

    AssumeRoleResponse response = fx.sts.assumeRole(r -> r.roleArn(ROLE).roleSessionName("team-a"));

    Credentials credentials = response.credentials();
    assertThat(credentials.accessKeyId()).startsWith("ASIA").hasSize(20);
    assertThat(credentials.secretAccessKey()).isNotBlank();
    assertThat(credentials.sessionToken()).isNotBlank();
    assertThat(credentials.expiration())
        .isCloseTo(before.plus(Duration.ofHours(1)), within(5, ChronoUnit.SECONDS));
    assertThat(response.assumedRoleUser().arn())
        .isEqualTo("arn:aws:sts::210987654321:assumed-role/imagebuilder-operator/team-a");
    assertThat(response.assumedRoleUser().assumedRoleId()).matches("AROA[A-Z2-7]{17}:team-a");
    assertThat(response.responseMetadata().requestId()).isNotBlank();
  }

  @Test
  void everyCallIssuesNewKeysAndARolePathIsLeftOutOfTheSessionArn() {
    fx.emu.trust(ROLE_WITH_PATH, null);

    AssumeRoleResponse first =
        fx.sts.assumeRole(r -> r.roleArn(ROLE_WITH_PATH).roleSessionName("s1"));
    AssumeRoleResponse second =
        fx.sts.assumeRole(r -> r.roleArn(ROLE_WITH_PATH).roleSessionName("s1"));

    assertThat(first.credentials().accessKeyId()).isNotEqualTo(second.credentials().accessKeyId());
    assertThat(first.assumedRoleUser().assumedRoleId())
        .as("one role id per role")
        .isEqualTo(second.assumedRoleUser().assumedRoleId());
    assertThat(first.assumedRoleUser().arn())
        .isEqualTo("arn:aws:sts::345678901234:assumed-role/deployer/s1");
  }

  @Test
  void durationSecondsSetsTheLifetimeUnlessTheControlApiFixedOne() {
    fx.emu.trust(ROLE, null);
    Instant before = Instant.now();

    Instant asked =
        fx.sts
            .assumeRole(r -> r.roleArn(ROLE).roleSessionName("session").durationSeconds(900))
            .credentials()
            .expiration();
    fx.emu.credentialLifetime(Duration.ofSeconds(30));
    Instant fixed =
        fx.sts
            .assumeRole(r -> r.roleArn(ROLE).roleSessionName("session").durationSeconds(900))
            .credentials()
            .expiration();

    assertThat(asked).isCloseTo(before.plusSeconds(900), within(5, ChronoUnit.SECONDS));
    assertThat(fixed).isCloseTo(before.plusSeconds(30), within(5, ChronoUnit.SECONDS));
  }

  @Test
  void anUntrustedRoleIsAccessDeniedNamingTheCallerAndTheRole() {
    assertThatThrownBy(() -> fx.sts.assumeRole(r -> r.roleArn(ROLE).roleSessionName("session")))
        .isInstanceOf(StsException.class)
        .satisfies(e -> Errors.assertError(e, "AccessDenied", 403))
        .hasMessageContaining(
            "User: arn:aws:iam::123456789012:user/emulator is not authorized to perform:"
                + " sts:AssumeRole on resource: "
                + ROLE);

    fx.emu.trust(ROLE, null);
    fx.emu.distrust(ROLE);
    assertThatThrownBy(() -> fx.sts.assumeRole(r -> r.roleArn(ROLE).roleSessionName("session")))
        .satisfies(e -> Errors.assertError(e, "AccessDenied", 403));
  }

  @Test
  void aRoleTrustedWithAnExternalIdNeedsExactlyThatId() {
    fx.emu.trust(ROLE, "tenant-42");

    assertAccessDenied(r -> r.roleArn(ROLE).roleSessionName("session"));
    assertAccessDenied(r -> r.roleArn(ROLE).roleSessionName("session").externalId("tenant-43"));
    assertThat(
            fx.sts
                .assumeRole(r -> r.roleArn(ROLE).roleSessionName("session").externalId("tenant-42"))
                .credentials())
        .isNotNull();

    fx.emu.trust(ROLE, null); // replaces the entry: no external ID required, any accepted
    assertThat(
            fx.sts
                .assumeRole(r -> r.roleArn(ROLE).roleSessionName("session").externalId("anything"))
                .credentials())
        .isNotNull();
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      value = {
        "RoleArn shorter than 20|arn:aws:iam::1:r/x|session|||roleArn",
        "RoleArn not a role|arn:aws:iam::210987654321:user/bob|session|||not a valid IAM role ARN",
        "RoleSessionName of one character|" + ROLE + "|s|||roleSessionName",
        "RoleSessionName with a space|" + ROLE + "|a b|||roleSessionName",
        "RoleSessionName of 65 characters|" + ROLE + "|" + LONG_NAME + "|||roleSessionName",
        "ExternalId of one character|" + ROLE + "|session|e||externalId",
        "ExternalId with a space|" + ROLE + "|session|e e||externalId",
        "DurationSeconds below 900|" + ROLE + "|session||899|durationSeconds",
        "DurationSeconds above 43200|" + ROLE + "|session||43201|durationSeconds",
      })
  void requestsOutsideTheModelAreValidationErrors(
      String why,
      String roleArn,
      String sessionName,
      String externalId,
      Integer durationSeconds,
      String member) {
    fx.emu.trust(ROLE, null);

    assertThatThrownBy(
            () ->
                fx.sts.assumeRole(
                    r ->
                        r.roleArn(roleArn)
                            .roleSessionName(sessionName)
                            .externalId(externalId)
                            .durationSeconds(durationSeconds)))
        .isInstanceOf(StsException.class)
        .satisfies(e -> Errors.assertError(e, "ValidationError", 400))
        .hasMessageContaining(member);
  }

  @Test
  void otherActionsAreInvalid() {
    assertThatThrownBy(() -> fx.sts.getCallerIdentity())
        .isInstanceOf(StsException.class)
        .satisfies(e -> Errors.assertError(e, "InvalidAction", 400));
  }

  @Test
  void credentialsOfARoleCannotAssumeAnotherRole() {
    fx.emu.trust(ROLE, null);
    fx.emu.trust(ROLE_WITH_PATH, null);
    Credentials session =
        fx.sts.assumeRole(r -> r.roleArn(ROLE).roleSessionName("session")).credentials();

    try (StsClient chained =
        stsClient(
            AwsSessionCredentials.create(
                session.accessKeyId(), session.secretAccessKey(), session.sessionToken()))) {
      assertThatThrownBy(
              () -> chained.assumeRole(r -> r.roleArn(ROLE_WITH_PATH).roleSessionName("session")))
          .satisfies(e -> Errors.assertError(e, "AccessDenied", 403))
          .hasMessageContaining(
              "User: arn:aws:sts::210987654321:assumed-role/imagebuilder-operator/session");
    }
  }

  @Test
  void aWrongSecretForTheTestKeyDoesNotMatchItsSignature() {
    fx.emu.trust(ROLE, null);
    try (StsClient wrongSecret =
        stsClient(
            AwsBasicCredentials.create(EmulatorCredentials.ACCESS_KEY_ID, "not-the-secret"))) {
      assertThatThrownBy(
              () -> wrongSecret.assumeRole(r -> r.roleArn(ROLE).roleSessionName("session")))
          .satisfies(e -> Errors.assertError(e, "SignatureDoesNotMatch", 403));
    }
  }

  @Test
  void callsAreCountedInTheAccountOfTheRole() {
    fx.emu.trust(ROLE, null);
    fx.sts.assumeRole(r -> r.roleArn(ROLE).roleSessionName("session"));
    assertAccessDenied(r -> r.roleArn(ROLE_WITH_PATH).roleSessionName("session"));

    assertThat(fx.emu.counters("210987654321").get("AssumeRole", Counters.OK)).isEqualTo(1);
    assertThat(fx.emu.counters("345678901234").get("AssumeRole", "AccessDenied")).isEqualTo(1);
    assertThat(fx.emu.counters(fx.emu.account()).total("AssumeRole")).isZero();
    assertThat(fx.emu.counters().total("AssumeRole")).isEqualTo(2);
  }

  private static void assertAccessDenied(Consumer<AssumeRoleRequest.Builder> request) {
    assertThatThrownBy(() -> fx.sts.assumeRole(request))
        .satisfies(e -> Errors.assertError(e, "AccessDenied", 403));
  }

  private static StsClient stsClient(
      software.amazon.awssdk.auth.credentials.AwsCredentials credentials) {
    return StsClient.builder()
        .endpointOverride(fx.emu.endpoint())
        .region(Region.US_EAST_1)
        .credentialsProvider(StaticCredentialsProvider.create(credentials))
        .httpClient(UrlConnectionHttpClient.create())
        .build();
  }
}
