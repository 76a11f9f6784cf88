package dev.gitops.imagebuilder.aws;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.gitops.imagebuilder.api.DeletionPolicy;
import dev.gitops.imagebuilder.api.WorkflowType;
import dev.gitops.imagebuilder.config.OperatorConfig;
import dev.gitops.imagebuilder.emulator.Counters;
import dev.gitops.imagebuilder.emulator.EmulatorClients;
import dev.gitops.imagebuilder.emulator.EmulatorCredentials;
import dev.gitops.imagebuilder.emulator.EmulatorOptions;
import dev.gitops.imagebuilder.emulator.Faults;
import dev.gitops.imagebuilder.emulator.ImageBuilderEmulator;
import dev.gitops.imagebuilder.emulator.Operation;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.time.Duration;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.http.ExecutableHttpRequest;
import software.amazon.awssdk.http.HttpExecuteRequest;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;

/** The gateway through the real SDK client against the emulator: calls, paging, errors, metrics. */
class ImageBuilderGatewayTest {
  private static final String DOC =
      "schemaVersion: 1.0\nsteps:\n  - name: a\n    action: WaitForAction\n";
  private ImageBuilderEmulator emu;
  private AwsClients clients;
  private PrometheusMeterRegistry registry;
  private ImageBuilderGateway gateway;

  @BeforeEach
  void start() {
    emu = ImageBuilderEmulator.start(EmulatorOptions.defaults());
    registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    clients =
        new AwsClients(
            region -> EmulatorClients.builder(emu, region),
            () -> EmulatorClients.sts(emu),
            Double.POSITIVE_INFINITY,
            registry);
    gateway = new ImageBuilderGateway(clients, registry);
  }

  @AfterEach
  void stop() {
    clients.close();
    emu.close();
  }

  @Test
  void firstObserveFindsTheAccountWithOneListThenListsBuildsDirectly() {
    Observation nothing =
        gateway.observe(AwsTarget.own("us-east-1"), WorkflowType.BUILD, "flow", "1.0.0");
    assertThat(nothing.builds()).isEmpty();
    assertThat(emu.counters().total("ListWorkflows")).isEqualTo(1);

    String arn = gateway.create(request("flow", "1.0.0", DOC, "token-1"), false);
    Observation one =
        gateway.observe(AwsTarget.own("us-east-1"), WorkflowType.BUILD, "flow", "1.0.0");

    assertThat(one.builds()).extracting(ObservedBuild::arn).containsExactly(arn);
    ObservedBuild build = one.builds().get(0);
    assertThat(build.owner()).contains(new Ownership("ns", "res"));
    assertThat(build.contentHash()).isEqualTo(hash(DOC));
    assertThat(build.buildNumber()).isEqualTo(1);
    assertThat(emu.counters().total("ListWorkflows")).isEqualTo(1);
    assertThat(emu.counters().total("ListWorkflowBuildVersions")).isEqualTo(1);
  }

  @Test
  void observingInARegionOfAnotherPartitionUsesThatPartitionInTheArns() {
    gateway.create(
        request("flow", "1.0.0", DOC, "in-us"), false); // the account is now known, from an aws ARN
    String arn = gateway.create(request("cn-north-1", "flow", "1.0.0", DOC, "in-china"), false);
    assertThat(arn).startsWith("arn:aws-cn:imagebuilder:cn-north-1:" + emu.account() + ":");

    Observation china =
        gateway.observe(AwsTarget.own("cn-north-1"), WorkflowType.BUILD, "flow", "1.0.0");

    assertThat(china.builds()).extracting(ObservedBuild::arn).containsExactly(arn);
  }

  @Test
  void buildsArePagedAndNewestFirst() {
    for (int i = 0; i < 27; i++) {
      gateway.create(request("many", "1.0.0", DOC + "# " + i + "\n", "token-" + i), false);
    }
    Observation all =
        gateway.observe(AwsTarget.own("us-east-1"), WorkflowType.BUILD, "many", "1.0.0");
    assertThat(all.builds()).hasSize(27);
    assertThat(all.builds().get(0).buildNumber()).isEqualTo(27);
    assertThat(emu.counters().total("ListWorkflowBuildVersions")).isEqualTo(2);
  }

  @Test
  void anExpiredPageTokenRestartsTheListingFromItsFirstPage() {
    for (int i = 0; i < 27; i++) {
      gateway.create(request("paged", "1.0.0", DOC + "# " + i + "\n", "token-" + i), false);
    }
    AtomicBoolean expired = new AtomicBoolean();
    // Between page 1 and page 2 of the build listing, every issued token expires.
    SdkHttpClient http = UrlConnectionHttpClient.create();
    SdkHttpClient expiringHttp =
        new SdkHttpClient() {
          @Override
          public ExecutableHttpRequest prepareRequest(HttpExecuteRequest request) {
            if (request.httpRequest().encodedPath().endsWith("/ListWorkflowBuildVersions")
                && body(request).contains("nextToken")
                && expired.compareAndSet(false, true)) {
              emu.expirePageTokens();
            }
            return http.prepareRequest(request);
          }

          @Override
          public void close() {
            http.close();
          }
        };
    AwsClients expiring =
        new AwsClients(
            region -> EmulatorClients.builder(emu, region).httpClient(expiringHttp),
            () -> EmulatorClients.sts(emu),
            1000,
            registry);
    try {
      ImageBuilderGateway restarting = new ImageBuilderGateway(expiring, registry);
      long before = emu.counters().total("ListWorkflowBuildVersions");

      List<ObservedBuild> builds =
          restarting.workflowBuilds(AwsTarget.own("us-east-1"), WorkflowType.BUILD, "paged");

      assertThat(expired).isTrue();
      assertThat(builds).hasSize(27).extracting(ObservedBuild::buildNumber).doesNotHaveDuplicates();
      // page 1, page 2 refused, then page 1 and page 2 again
      assertThat(emu.counters().total("ListWorkflowBuildVersions") - before).isEqualTo(4);
    } finally {
      expiring.close();
    }
  }

  private static String body(HttpExecuteRequest request) {
    return request
        .contentStreamProvider()
        .map(
            p -> {
              try (var in = p.newStream()) {
                return new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
              } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
              }
            })
        .orElse("");
  }

  @Test
  void aRegionWhoseCallsNeverReachTheServiceGetsANewClientNextTime() {
    AtomicInteger built = new AtomicInteger();
    AwsClients unreachable =
        new AwsClients(
            region -> {
              built.incrementAndGet();
              return EmulatorClients.builder(java.net.URI.create("http://127.0.0.1:9"), region);
            },
            () -> EmulatorClients.sts(emu),
            1000,
            registry);
    try {
      ImageBuilderGateway failing = new ImageBuilderGateway(unreachable, registry);
      for (int i = 0; i < 2; i++) {
        assertThatThrownBy(
                () -> failing.observe(AwsTarget.own("us-east-1"), WorkflowType.BUILD, "f", "1.0.0"))
            .isInstanceOfSatisfying(
                AwsCallException.class,
                e -> assertThat(e.errorClass()).isEqualTo(ErrorClass.UNAVAILABLE));
      }
      assertThat(built).hasValue(2);
    } finally {
      unreachable.close();
    }
  }

  @Test
  void ownedBuildsAreFoundAcrossVersionsForTheExactNameAndTypeOnly() {
    String v1 = gateway.create(request("app", "1.0.0", DOC, "a"), false);
    String v2 = gateway.create(request("app", "2.0.0", DOC, "b"), false);
    gateway.create(
        request("app-extra", "1.0.0", DOC, "c"), false); // the name filter matches substrings
    CreateRequest sameNameOtherType = request("app", "1.0.0", DOC, "e");
    gateway.create(
        new CreateRequest(
            sameNameOtherType.target(),
            "app",
            WorkflowType.TEST,
            "1.0.0",
            null,
            null,
            DOC,
            null,
            null,
            sameNameOtherType.tags(),
            "e"),
        false);
    try (var client = EmulatorClients.imagebuilder(emu, "us-east-1", false)) {
      client.createWorkflow(
          b -> b.name("app").type("BUILD").semanticVersion("3.0.0").data(DOC).clientToken("d"));
    }
    assertThat(
            gateway.ownedBuildArns(
                AwsTarget.own("us-east-1"), WorkflowType.BUILD, "app", new Ownership("ns", "res")))
        .containsExactlyInAnyOrder(v1, v2);
  }

  @Test
  void aThrottledCallIsNotRetriedInPlaceButSaysWhenToComeBack() {
    emu.faults().rateLimit(Operation.ListWorkflows, 0.0001, 1);
    gateway.observe(
        AwsTarget.own("us-east-1"), WorkflowType.BUILD, "flow", "1.0.0"); // takes the one token
    assertThatThrownBy(
            () -> gateway.observe(AwsTarget.own("us-east-1"), WorkflowType.BUILD, "other", "1.0.0"))
        .isInstanceOfSatisfying(
            AwsCallException.class,
            e -> {
              assertThat(e.errorClass()).isEqualTo(ErrorClass.THROTTLED);
              assertThat(e.requestId()).isNotBlank();
              assertThat(e.retryAfter()).hasValueSatisfying(d -> assertThat(d).isPositive());
              assertThat(e.persistent()).isFalse();
            });
    assertThat(emu.counters().get("ListWorkflows", "CallRateLimitExceededException")).isEqualTo(1);
    assertThat(registry.scrape())
        .contains(
            "imagebuilder_aws_calls_total{account=\"operator\",operation=\"ListWorkflows\",outcome=\"throttled\"} 1.0");
  }

  @Test
  void aCallBeyondTheCeilingIsNeverSentAndSaysWhenToComeBack() {
    try (AwsClients slow = atMost(1)) {
      ImageBuilderGateway paced = new ImageBuilderGateway(slow, registry);
      paced.observe(AwsTarget.own("us-east-1"), WorkflowType.BUILD, "a", "1.0.0"); // at once
      AwsCallException refused = null;
      for (int i = 0; i < 3 && refused == null; i++) {
        try {
          paced.observe(AwsTarget.own("us-east-1"), WorkflowType.BUILD, "b" + i, "1.0.0");
        } catch (AwsCallException e) {
          refused = e;
        }
      }
      assertThat(refused).isNotNull();
      assertThat(refused.errorClass()).isEqualTo(ErrorClass.THROTTLED);
      assertThat(refused.errorCode()).isEqualTo("PaceExceeded");
      assertThat(refused.retryAfter().orElseThrow()).isGreaterThan(Duration.ofMillis(250));
      long sent = emu.counters().total("ListWorkflows");
      assertThat(sent).isLessThan(4); // the refused call never reached the service
    }
  }

  /** Clients whose pace has a ceiling of {@code callsPerSecond}. */
  private AwsClients atMost(double callsPerSecond) {
    return new AwsClients(
        region -> EmulatorClients.builder(emu, region),
        () -> EmulatorClients.sts(emu),
        callsPerSecond,
        registry);
  }

  @Test
  void aCheckOfAResourceThatIsUpToDateYieldsWhereAChangeWouldWait() {
    try (AwsClients slow = atMost(5)) { // slots 200 ms apart
      ImageBuilderGateway paced = new ImageBuilderGateway(slow, registry);
      AwsTarget target = AwsTarget.own("us-east-1");
      paced.create(request("yield", "1.0.0", DOC, "yield-1"), false); // the account is now known
      paced.observe(target, WorkflowType.BUILD, "yield", "1.0.0"); // at once
      assertThatThrownBy(() -> paced.check(target, WorkflowType.BUILD, "yield", "1.0.0"))
          .isInstanceOfSatisfying(
              AwsCallException.class, e -> assertThat(e.errorCode()).isEqualTo("PaceExceeded"));
      // the same read for a change waits its 200 ms and is sent
      assertThat(paced.observe(target, WorkflowType.BUILD, "yield", "1.0.0").builds()).hasSize(1);
      assertThat(emu.counters().total("ListWorkflowBuildVersions")).isEqualTo(2);
    }
  }

  @Test
  void aCreateTurnTakenAheadIsTheCreatesOnlyTurnAndARefusedTurnSendsNothing() {
    try (AwsClients slow = atMost(1)) {
      ImageBuilderGateway paced = new ImageBuilderGateway(slow, registry);
      AwsTarget target = AwsTarget.own("us-east-1");
      paced.takeCreateTurn(target); // the one slot of this second
      // Admitted again it would wait a second for the next slot and be refused; it is sent at once.
      assertThat(paced.create(request("turn", "1.0.0", DOC, "turn-1"), true)).endsWith("/1");
      assertThatThrownBy(() -> paced.takeCreateTurn(target))
          .isInstanceOfSatisfying(
              AwsCallException.class,
              e -> {
                assertThat(e.errorClass()).isEqualTo(ErrorClass.THROTTLED);
                assertThat(e.errorCode()).isEqualTo("PaceExceeded");
              });
      assertThat(emu.counters().total("CreateWorkflow")).isEqualTo(1);
    }
  }

  @Test
  void buildsAreNewestFirstWhateverOrderTheServiceListsThemIn() {
    for (int i = 1; i <= 30; i++) { // more than one page
      gateway.create(request("many", "1.0.0", DOC + "# " + i + "\n", "t" + i), false);
    }
    List<Integer> numbers =
        gateway
            .observe(AwsTarget.own("us-east-1"), WorkflowType.BUILD, "many", "1.0.0")
            .builds()
            .stream()
            .map(ObservedBuild::buildNumber)
            .toList();
    assertThat(numbers).hasSize(30).isSortedAccordingTo(Comparator.reverseOrder());
    assertThat(numbers.get(0)).isEqualTo(30);
  }

  @Test
  void everyAttemptIsCountedTheSdksRetriesIncluded() {
    emu.faults().failNext(Operation.CreateWorkflow, 2, Faults.ServerError.SERVICE_EXCEPTION);
    gateway.create(request("counted", "1.0.0", DOC, "t"), false);
    assertThat(registry.scrape())
        .contains(
            "imagebuilder_aws_calls_total{account=\"operator\",operation=\"CreateWorkflow\",outcome=\"unavailable\"} 2.0",
            "imagebuilder_aws_calls_total{account=\"operator\",operation=\"CreateWorkflow\",outcome=\"success\"} 1.0",
            "imagebuilder_aws_call_seconds_count{account=\"operator\",operation=\"CreateWorkflow\"} 3");
  }

  @Test
  void transientErrorsAreRetriedInPlace() {
    emu.faults().failNext(Operation.CreateWorkflow, 2, Faults.ServerError.SERVICE_EXCEPTION);
    String arn = gateway.create(request("flow", "1.0.0", DOC, "t"), false);
    assertThat(arn).endsWith("/flow/1.0.0/1");
    assertThat(emu.counters().get("CreateWorkflow", Counters.OK)).isEqualTo(1);
  }

  @Test
  void missingBuildsAreRecognisedByErrorCode() {
    String arn = gateway.create(request("flow", "1.0.0", DOC, "t"), false);
    assertThat(gateway.delete(AwsTarget.own("us-east-1"), arn)).isTrue();
    assertThat(gateway.delete(AwsTarget.own("us-east-1"), arn))
        .isFalse(); // ResourceNotFoundException as a plain exception
    assertThatThrownBy(() -> gateway.contentHashOf(AwsTarget.own("us-east-1"), arn))
        .isInstanceOfSatisfying(
            AwsCallException.class,
            e -> assertThat(e.errorClass()).isEqualTo(ErrorClass.NOT_FOUND));
  }

  @Test
  void identicalContentIsRefusedAsInUse() {
    gateway.create(request("flow", "1.0.0", DOC, "t1"), false);
    assertThatThrownBy(() -> gateway.create(request("flow", "1.0.0", DOC, "t2"), false))
        .isInstanceOfSatisfying(
            AwsCallException.class, e -> assertThat(e.errorClass()).isEqualTo(ErrorClass.IN_USE));
  }

  @Test
  void aRepeatedTokenReplaysTheFirstAnswerAndWithOtherParametersIsAnIdempotencyMismatch() {
    String arn = gateway.create(request("flow", "1.0.0", DOC, "same-token"), false);
    assertThat(gateway.create(request("flow", "1.0.0", DOC, "same-token"), false)).isEqualTo(arn);

    CreateRequest otherTags = request("flow", "1.0.0", DOC, "same-token");
    Map<String, String> tags = new HashMap<>(otherTags.tags());
    tags.put("team", "other");
    assertThatThrownBy(
            () ->
                gateway.create(
                    new CreateRequest(
                        AwsTarget.own("us-east-1"),
                        "flow",
                        WorkflowType.BUILD,
                        "1.0.0",
                        null,
                        null,
                        DOC,
                        null,
                        null,
                        tags,
                        "same-token"),
                    false))
        .isInstanceOfSatisfying(
            AwsCallException.class,
            e -> {
              assertThat(e.errorClass()).isEqualTo(ErrorClass.IDEMPOTENCY_MISMATCH);
              assertThat(e.errorCode()).isEqualTo("IdempotentParameterMismatchException");
              assertThat(e.requestId()).isNotBlank();
            });
    assertThat(emu.counters().get("CreateWorkflow", "IdempotentParameterMismatchException"))
        .isEqualTo(1);
    assertThat(emu.builds()).hasSize(1);
  }

  @Test
  void callsAreMeasuredUnderThePrometheusNamesTheRuntimeExposes() {
    gateway.observe(AwsTarget.own("us-east-1"), WorkflowType.BUILD, "flow", "1.0.0");
    String scrape = registry.scrape();
    assertThat(scrape)
        .contains(
            "imagebuilder_aws_calls_total{account=\"operator\",operation=\"ListWorkflows\",outcome=\"success\"} 1.0");
    assertThat(scrape)
        .contains(
            "imagebuilder_aws_call_seconds_count{account=\"operator\",operation=\"ListWorkflows\"} 1");
  }

  /**
   * The failure counter of a mapped account is exported at zero once its role is first needed, so
   * that the alert's increase() sees the first refusal; a refusal counts one.
   */
  @Test
  void assumeRoleFailuresOfAMappedAccountAreExportedFromZero() {
    String trusted = "arn:aws:iam::210987654321:role/imagebuilder-team-b";
    String untrusted = "arn:aws:iam::333333333333:role/imagebuilder-untrusted";
    emu.trust(trusted, null);

    gateway.observe(
        new AwsTarget(AccountRef.role(trusted, null, "team-b"), "us-east-1"),
        WorkflowType.BUILD,
        "flow",
        "1.0.0");
    assertThat(registry.scrape())
        .contains("imagebuilder_assume_role_failures_total{account=\"210987654321\"} 0.0");

    AwsTarget refused = new AwsTarget(AccountRef.role(untrusted, null, "team-c"), "us-east-1");
    assertThatThrownBy(() -> gateway.observe(refused, WorkflowType.BUILD, "flow", "1.0.0"))
        .isInstanceOfSatisfying(
            AwsCallException.class,
            e -> assertThat(e.errorClass()).isEqualTo(ErrorClass.ASSUME_ROLE_FAILED));
    assertThat(registry.scrape())
        .contains("imagebuilder_assume_role_failures_total{account=\"333333333333\"} 1.0")
        .contains("imagebuilder_assume_role_failures_total{account=\"210987654321\"} 0.0");
  }

  @Test
  void productionClientsUseTheEndpointOverrideAndTheDefaultCredentialsChain() {
    System.setProperty("aws.accessKeyId", EmulatorCredentials.ACCESS_KEY_ID);
    System.setProperty("aws.secretAccessKey", EmulatorCredentials.SECRET_ACCESS_KEY);
    OperatorConfig config =
        new OperatorConfig(
            "us-east-1",
            Optional.of(emu.endpoint()),
            Set.of(),
            DeletionPolicy.Delete,
            Duration.ofMinutes(10),
            1,
            10,
            0,
            OperatorConfig.LogFormat.PLAIN,
            false,
            "l",
            Optional.empty(),
            Set.of(),
            Optional.empty(),
            false);
    try (AwsClients production = AwsClients.fromConfig(config, registry)) {
      ImageBuilderGateway viaConfig = new ImageBuilderGateway(production, registry);
      String arn = viaConfig.create(request("configured", "1.0.0", DOC, "p"), false);
      assertThat(arn).startsWith("arn:aws:imagebuilder:us-east-1:" + emu.account() + ":");
      assertThat(production.forTarget(AwsTarget.own("us-east-1")))
          .isSameAs(production.forTarget(AwsTarget.own("us-east-1")));
    } finally {
      System.clearProperty("aws.accessKeyId");
      System.clearProperty("aws.secretAccessKey");
    }
  }

  /** A create as the reconciler makes it: with ownership and content-hash tags. */
  @Test
  void aDryRunIsAVerdictAndCreatesNothing() {
    DryRunVerdict passed = gateway.dryRun(request("flow", "1.0.0", DOC, "token-1"));
    assertThat(passed.passed()).isTrue();
    assertThat(passed.message())
        .isEqualTo("Request would have succeeded, but the DryRun parameter was set.");

    DryRunVerdict refused =
        gateway.dryRun(
            request("flow", "1.0.0", "schemaVersion: 1.0\nsteps:\n  - name: a\n", "token-2"));
    assertThat(refused.passed()).isFalse();
    assertThat(refused.code()).isEqualTo("InvalidRequestException");
    assertThat(refused.message()).isEqualTo("every workflow step needs a name and an action");

    emu.maxBuildVersions(0);
    assertThat(gateway.dryRun(request("flow", "1.0.0", DOC, "token-3")).code())
        .isEqualTo("ServiceQuotaExceededException");
    assertThat(emu.builds()).isEmpty();
    assertThat(emu.counters().get("CreateWorkflow", Counters.OK)).isZero();
    assertThat(registry.scrape())
        .contains(
            "imagebuilder_aws_calls_total{account=\"operator\",operation=\"CreateWorkflow\",outcome=\"dry_run_passed\"} 1.0");
  }

  @Test
  void aDryRunThatMeetsAnOutageThrowsRatherThanJudging() {
    emu.faults().failNext(Operation.CreateWorkflow, 10, Faults.ServerError.SERVICE_UNAVAILABLE);
    assertThatThrownBy(() -> gateway.dryRun(request("flow", "1.0.0", DOC, "token-1")))
        .isInstanceOfSatisfying(
            AwsCallException.class,
            e -> assertThat(e.errorClass()).isEqualTo(ErrorClass.UNAVAILABLE));
  }

  @Test
  void findResolvesWildcardsToTheNewestBuildOwnFirstThenAws() {
    gateway.create(request("build-image", "1.2.0", DOC, "t1"), false);
    String newest = gateway.create(request("build-image", "1.10.0", DOC, "t2"), false);
    gateway.create(request("build-image", "2.0.0", DOC, "t3"), false);

    assertThat(
            gateway.find(
                AwsTarget.own("us-east-1"),
                WorkflowType.BUILD,
                "build-image",
                new VersionWildcard("1.x.x")))
        .map(ObservedBuild::arn)
        .contains(newest);
    assertThat(
            gateway.find(
                AwsTarget.own("us-east-1"),
                WorkflowType.BUILD,
                "build-image",
                new VersionWildcard("3.x.x")))
        .isEmpty();
    // nothing of the account's own matches 1.0.x: AWS's published build-image does
    assertThat(
            gateway.find(
                AwsTarget.own("us-east-1"),
                WorkflowType.BUILD,
                "build-image",
                new VersionWildcard("1.0.x")))
        .map(ObservedBuild::arn)
        .contains("arn:aws:imagebuilder:us-east-1:aws:workflow/build/build-image/1.0.1/1");
    assertThat(
            gateway.find(
                AwsTarget.own("us-east-1"),
                WorkflowType.TEST,
                "test-image",
                new VersionWildcard("x.x.x")))
        .map(ObservedBuild::arn)
        .contains("arn:aws:imagebuilder:us-east-1:aws:workflow/test/test-image/1.0.0/1");
  }

  @Test
  void readingAwsWorkflowsFirstDoesNotMistakeAwsForTheAccount() {
    gateway.find(
        AwsTarget.own("eu-west-1"),
        WorkflowType.BUILD,
        "build-image",
        new VersionWildcard("x.x.x"));
    String arn = gateway.create(request("eu-west-1", "flow", "1.0.0", DOC, "t1"), false);

    assertThat(
            gateway
                .observe(AwsTarget.own("eu-west-1"), WorkflowType.BUILD, "flow", "1.0.0")
                .builds())
        .extracting(ObservedBuild::arn)
        .containsExactly(arn);
  }

  private static CreateRequest request(String name, String version, String data, String token) {
    return request("us-east-1", name, version, data, token);
  }

  private static CreateRequest request(
      String region, String name, String version, String data, String token) {
    Map<String, String> tags =
        new HashMap<>(
            Map.of(
                "team",
                "t",
                Ownership.NAMESPACE_TAG,
                "ns",
                Ownership.NAME_TAG,
                "res",
                Ownership.UID_TAG,
                "uid"));
    tags.put(Ownership.CONTENT_HASH_TAG, hash(data));
    return new CreateRequest(
        AwsTarget.own(region),
        name,
        WorkflowType.BUILD,
        version,
        null,
        null,
        data,
        null,
        null,
        tags,
        token);
  }

  private static String hash(String data) {
    return ContentHash.of(data, null, null, null);
  }
}
