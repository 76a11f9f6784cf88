package dev.gitops.imagebuilder.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.gitops.imagebuilder.api.DeletionPolicy;
import dev.gitops.imagebuilder.config.OperatorConfig.LogFormat;
import java.net.URI;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

class ConfigParserTest {
  private static final Map<String, String> REGION_ONLY = Map.of("AWS_REGION", "us-east-1");

  @Test
  void defaultsNeedOnlyARegion() throws Exception {
    OperatorConfig c = ConfigParser.parse(REGION_ONLY, List.of());
    assertThat(c)
        .isEqualTo(
            new OperatorConfig(
                "us-east-1",
                Optional.empty(),
                Set.of(),
                DeletionPolicy.Delete,
                Duration.ofMinutes(10),
                20,
                Double.POSITIVE_INFINITY, // no ceiling: the pace adapts
                8080,
                LogFormat.PLAIN,
                false,
                "imagebuilder-workflow-operator",
                Optional.empty(),
                Set.of(),
                Optional.empty(),
                false));
  }

  static Stream<Arguments> goodValues() {
    return Stream.of(
        good(
            "IBW_EXTRA_REGIONS",
            "us-east-7, ap-east-9",
            OperatorConfig::extraRegions,
            Set.of("us-east-7", "ap-east-9")),
        good("AWS_REGION", "eu-central-2", OperatorConfig::defaultRegion, "eu-central-2"),
        good("AWS_REGION", "us-gov-west-1", OperatorConfig::defaultRegion, "us-gov-west-1"),
        good(
            "AWS_ENDPOINT_URL_IMAGEBUILDER",
            "http://127.0.0.1:4566",
            OperatorConfig::endpointOverride,
            Optional.of(URI.create("http://127.0.0.1:4566"))),
        good(
            "AWS_ENDPOINT_URL",
            "https://imagebuilder.example.test",
            OperatorConfig::endpointOverride,
            Optional.of(URI.create("https://imagebuilder.example.test"))),
        good(
            "IBW_WATCH_NAMESPACES",
            "team-a, team-b",
            OperatorConfig::watchedNamespaces,
            Set.of("team-a", "team-b")),
        good(
            "IBW_DEFAULT_DELETION_POLICY",
            "Retain",
            OperatorConfig::defaultDeletionPolicy,
            DeletionPolicy.Retain),
        good(
            "IBW_DEFAULT_DELETION_POLICY",
            "delete",
            OperatorConfig::defaultDeletionPolicy,
            DeletionPolicy.Delete),
        good(
            "IBW_DRIFT_CHECK_INTERVAL",
            "90s",
            OperatorConfig::driftCheckInterval,
            Duration.ofSeconds(90)),
        good(
            "IBW_DRIFT_CHECK_INTERVAL",
            "1h30m",
            OperatorConfig::driftCheckInterval,
            Duration.ofMinutes(90)),
        good(
            "IBW_DRIFT_CHECK_INTERVAL",
            "500ms",
            OperatorConfig::driftCheckInterval,
            Duration.ofMillis(500)),
        good(
            "IBW_DRIFT_CHECK_INTERVAL",
            "PT10M",
            OperatorConfig::driftCheckInterval,
            Duration.ofMinutes(10)),
        good("IBW_MAX_CONCURRENT_RECONCILES", "1", OperatorConfig::maxConcurrentReconciles, 1),
        good(
            "IBW_MAX_CONCURRENT_RECONCILES", "1000", OperatorConfig::maxConcurrentReconciles, 1000),
        good("IBW_AWS_CALLS_PER_SECOND", "0.5", OperatorConfig::awsCallsPerSecond, 0.5),
        good(
            "IBW_AWS_CALLS_PER_SECOND",
            "",
            OperatorConfig::awsCallsPerSecond,
            Double.POSITIVE_INFINITY),
        good("IBW_HTTP_PORT", "0", OperatorConfig::httpPort, 0),
        good("IBW_HTTP_PORT", "65535", OperatorConfig::httpPort, 65535),
        good("IBW_LOG_FORMAT", "json", OperatorConfig::logFormat, LogFormat.JSON),
        good("IBW_LOG_FORMAT", "PLAIN", OperatorConfig::logFormat, LogFormat.PLAIN),
        good("IBW_LEADER_ELECTION", "true", OperatorConfig::leaderElection, true),
        good("IBW_LEADER_ELECTION", "False", OperatorConfig::leaderElection, false),
        good("IBW_LEASE_NAME", "ibw.leader-1", OperatorConfig::leaseName, "ibw.leader-1"),
        good(
            "IBW_LEASE_NAMESPACE",
            "imagebuilder-system",
            OperatorConfig::leaseNamespace,
            Optional.of("imagebuilder-system")));
  }

  private static Arguments good(
      String env, String text, Function<OperatorConfig, Object> get, Object want) {
    return Arguments.of(env, text, get, want);
  }

  @Test
  void aRegionNewerThanTheSdkIsAcceptedOnceListedAsExtra() throws Exception {
    OperatorConfig config =
        ConfigParser.parse(
            Map.of("AWS_REGION", "us-east-7", "IBW_EXTRA_REGIONS", "us-east-7"), List.of());
    assertThat(config.defaultRegion()).isEqualTo("us-east-7");
  }

  @ParameterizedTest(name = "{0}={1}")
  @MethodSource("goodValues")
  void readsEachVariable(String env, String text, Function<OperatorConfig, Object> get, Object want)
      throws Exception {
    var vars = new HashMap<>(REGION_ONLY);
    vars.put(env, text);
    assertThat(get.apply(ConfigParser.parse(vars, List.of()))).isEqualTo(want);
  }

  @ParameterizedTest(name = "{0}={1}")
  @MethodSource("goodValues")
  void readsEachMatchingFlagOverTheVariable(
      String env, String text, Function<OperatorConfig, Object> get, Object want) throws Exception {
    Setting setting = settingOf(env);
    var vars = new HashMap<>(Map.of("AWS_REGION", "us-west-2"));
    assertThat(get.apply(ConfigParser.parse(vars, List.of(setting.flag(), text)))).isEqualTo(want);
    assertThat(get.apply(ConfigParser.parse(vars, List.of(setting.flag() + "=" + text))))
        .isEqualTo(want);
  }

  @ParameterizedTest(name = "{0}={1}")
  @CsvSource(
      delimiter = '|',
      textBlock =
          """
      AWS_REGION                    | us-east        | AWS_REGION: must be an AWS region like us-east-1, got "us-east"
      AWS_REGION                    | US-EAST-1      | AWS_REGION: must be an AWS region like us-east-1, got "US-EAST-1"
      AWS_REGION                    | us-east-7      | AWS_REGION: must be a region the AWS SDK knows (one newer than the SDK: add it to IBW_EXTRA_REGIONS), got "us-east-7"
      IBW_EXTRA_REGIONS             | us-east-7,,x   | IBW_EXTRA_REGIONS: must be empty or a comma-separated list of AWS regions like ap-east-2, got "us-east-7,,x"
      AWS_DEFAULT_REGION            | useast1        | AWS_DEFAULT_REGION: must be an AWS region like us-east-1, got "useast1"
      AWS_ENDPOINT_URL_IMAGEBUILDER | 127.0.0.1:4566 | AWS_ENDPOINT_URL_IMAGEBUILDER: must be an absolute http or https URL like http://127.0.0.1:4566, got "127.0.0.1:4566"
      AWS_ENDPOINT_URL              | ftp://host     | AWS_ENDPOINT_URL: must be an absolute http or https URL like http://127.0.0.1:4566, got "ftp://host"
      IBW_WATCH_NAMESPACES          | team-a,,b      | IBW_WATCH_NAMESPACES: must be empty (all namespaces) or a comma-separated list of namespace names, got "team-a,,b"
      IBW_WATCH_NAMESPACES          | Team_A         | IBW_WATCH_NAMESPACES: must be empty (all namespaces) or a comma-separated list of namespace names, got "Team_A"
      IBW_DEFAULT_DELETION_POLICY   | Orphan         | IBW_DEFAULT_DELETION_POLICY: must be one of Delete, Retain, got "Orphan"
      IBW_DRIFT_CHECK_INTERVAL      | -5m            | IBW_DRIFT_CHECK_INTERVAL: must be a positive duration like 10m or PT10M, got "-5m"
      IBW_DRIFT_CHECK_INTERVAL      | 0s             | IBW_DRIFT_CHECK_INTERVAL: must be a positive duration like 10m or PT10M, got "0s"
      IBW_DRIFT_CHECK_INTERVAL      | 10             | IBW_DRIFT_CHECK_INTERVAL: must be a positive duration like 10m or PT10M, got "10"
      IBW_DRIFT_CHECK_INTERVAL      | 10m5           | IBW_DRIFT_CHECK_INTERVAL: must be a positive duration like 10m or PT10M, got "10m5"
      IBW_DRIFT_CHECK_INTERVAL      | PT-1M          | IBW_DRIFT_CHECK_INTERVAL: must be a positive duration like 10m or PT10M, got "PT-1M"
      IBW_DRIFT_CHECK_INTERVAL      | 99999999999999999999h | IBW_DRIFT_CHECK_INTERVAL: must be a positive duration like 10m or PT10M, got "99999999999999999999h"
      IBW_MAX_CONCURRENT_RECONCILES | 0              | IBW_MAX_CONCURRENT_RECONCILES: must be a whole number from 1 to 1000, got "0"
      IBW_MAX_CONCURRENT_RECONCILES | 2.5            | IBW_MAX_CONCURRENT_RECONCILES: must be a whole number from 1 to 1000, got "2.5"
      IBW_AWS_CALLS_PER_SECOND      | 0              | IBW_AWS_CALLS_PER_SECOND: must be a positive number of calls per second like 5 or 0.5, or empty for none, got "0"
      IBW_AWS_CALLS_PER_SECOND      | NaN            | IBW_AWS_CALLS_PER_SECOND: must be a positive number of calls per second like 5 or 0.5, or empty for none, got "NaN"
      IBW_AWS_CALLS_PER_SECOND      | fast           | IBW_AWS_CALLS_PER_SECOND: must be a positive number of calls per second like 5 or 0.5, or empty for none, got "fast"
      IBW_HTTP_PORT                 | 65536          | IBW_HTTP_PORT: must be a port number from 0 to 65535 (0 picks a free port), got "65536"
      IBW_HTTP_PORT                 | -1             | IBW_HTTP_PORT: must be a port number from 0 to 65535 (0 picks a free port), got "-1"
      IBW_LOG_FORMAT                | yaml           | IBW_LOG_FORMAT: must be plain or json, got "yaml"
      IBW_LEADER_ELECTION           | yes            | IBW_LEADER_ELECTION: must be true or false, got "yes"
      IBW_LEASE_NAME                | Leader_Lease   | IBW_LEASE_NAME: must be a lower-case DNS name (a-z, 0-9, '-', '.'), at most 253 characters, got "Leader_Lease"
      IBW_LEASE_NAMESPACE           | kube.system    | IBW_LEASE_NAMESPACE: must be a namespace name (a-z, 0-9, '-'), at most 63 characters, got "kube.system"
      """)
  void rejectsABadVariableWithOneLineNamingItAndTheRule(String env, String text, String line) {
    var vars = new HashMap<String, String>();
    vars.put(env, text);
    if (!env.startsWith("AWS_") || env.startsWith("AWS_ENDPOINT")) {
      vars.put("AWS_REGION", "us-east-1");
    }
    assertThatThrownBy(() -> ConfigParser.parse(vars, List.of()))
        .isInstanceOfSatisfying(
            InvalidConfigException.class, e -> assertThat(e.problems()).containsExactly(line));
  }

  @Test
  void aBadFlagIsNamedByTheFlag() {
    assertThatThrownBy(() -> ConfigParser.parse(REGION_ONLY, List.of("--drift-check-interval=-5m")))
        .isInstanceOfSatisfying(
            InvalidConfigException.class,
            e ->
                assertThat(e.problems())
                    .containsExactly(
                        "--drift-check-interval: must be a positive duration like 10m or PT10M, got \"-5m\""));
  }

  @Test
  void everyBadValueIsReportedAtOnce() {
    var vars = Map.of("AWS_REGION", "mars", "IBW_LOG_FORMAT", "xml", "IBW_HTTP_PORT", "http");
    assertThatThrownBy(() -> ConfigParser.parse(vars, List.of("--bogus", "extra")))
        .isInstanceOfSatisfying(
            InvalidConfigException.class,
            e ->
                assertThat(e.problems())
                    .containsExactly(
                        "--bogus: unknown flag (--help lists the flags)",
                        "\"extra\": unexpected argument; settings are --flag value or --flag=value",
                        "AWS_REGION: must be an AWS region like us-east-1, got \"mars\"",
                        "IBW_HTTP_PORT: must be a port number from 0 to 65535 (0 picks a free port), got \"http\"",
                        "IBW_LOG_FORMAT: must be plain or json, got \"xml\""));
  }

  @Test
  void aMissingRegionIsNamed() {
    assertThatThrownBy(() -> ConfigParser.parse(Map.of(), List.of()))
        .isInstanceOfSatisfying(
            InvalidConfigException.class,
            e ->
                assertThat(e.problems())
                    .containsExactly(
                        "AWS_REGION: required, set it or AWS_DEFAULT_REGION or --aws-region"
                            + " (AWS region for resources without spec.region, e.g. us-east-1; required)"));
  }

  @Test
  void aFlagWithoutItsValueIsNamed() {
    assertThatThrownBy(
            () -> ConfigParser.parse(REGION_ONLY, List.of("--http-port", "--log-format=json")))
        .isInstanceOfSatisfying(
            InvalidConfigException.class,
            e ->
                assertThat(e.problems())
                    .containsExactly(
                        "--http-port: needs a value (--http-port VALUE or --http-port=VALUE)"));
  }

  @Test
  void aBareLeaderElectionFlagTurnsItOn() throws Exception {
    assertThat(ConfigParser.parse(REGION_ONLY, List.of("--leader-election", "--http-port", "9090")))
        .extracting(OperatorConfig::leaderElection, OperatorConfig::httpPort)
        .containsExactly(true, 9090);
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      textBlock =
          """
      AWS_REGION=eu-west-1,AWS_DEFAULT_REGION=eu-west-2 | eu-west-1
      AWS_DEFAULT_REGION=eu-west-2                      | eu-west-2
      AWS_REGION=' ',AWS_DEFAULT_REGION=eu-west-2       | eu-west-2
      """)
  void awsRegionWinsOverTheDefaultRegion(String assignments, String want) throws Exception {
    var vars = new HashMap<String, String>();
    for (String a : assignments.split(",")) {
      vars.put(a.substring(0, a.indexOf('=')), a.substring(a.indexOf('=') + 1).replace("'", ""));
    }
    assertThat(ConfigParser.parse(vars, List.of()).defaultRegion()).isEqualTo(want);
  }

  @Test
  void theServiceSpecificEndpointWinsOverTheGeneralOne() throws Exception {
    var vars =
        Map.of(
            "AWS_REGION",
            "us-east-1",
            "AWS_ENDPOINT_URL",
            "http://127.0.0.1:1",
            "AWS_ENDPOINT_URL_IMAGEBUILDER",
            "http://127.0.0.1:2");
    assertThat(ConfigParser.parse(vars, List.of()).endpointOverride())
        .contains(URI.create("http://127.0.0.1:2"));
  }

  @Test
  void usageListsEveryFlagAndVariable() {
    String usage = ConfigParser.usage();
    for (Setting s : Setting.values()) {
      assertThat(usage).contains(s.flag());
      s.envNames().forEach(name -> assertThat(usage).contains(name));
    }
  }

  private static Setting settingOf(String env) {
    for (Setting s : Setting.values()) {
      if (s.envNames().contains(env)) {
        return s;
      }
    }
    throw new IllegalArgumentException(env);
  }
}
