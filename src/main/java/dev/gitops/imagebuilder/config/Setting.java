package dev.gitops.imagebuilder.config;

import java.util.List;

/**
 * Every configuration setting: its flag, the environment variables it is read from (first set one
 * wins, a flag beats them all), its default and what it means. The single source for parsing, the
 * {@code --help} text and the README's configuration table.
 */
public enum Setting {
  REGION(
      "--aws-region",
      List.of("AWS_REGION", "AWS_DEFAULT_REGION"),
      null,
      "AWS region for resources without spec.region, e.g. us-east-1; required"),
  EXTRA_REGIONS(
      "--extra-regions",
      List.of("IBW_EXTRA_REGIONS"),
      "",
      "comma-separated regions accepted in addition to those the AWS SDK knows (regions launched"
          + " after this release)"),
  ENDPOINT(
      "--aws-endpoint-url",
      List.of("AWS_ENDPOINT_URL_IMAGEBUILDER", "AWS_ENDPOINT_URL"),
      null,
      "Image Builder endpoint override (the local emulator); unset for real AWS"),
  STS_ENDPOINT(
      "--sts-endpoint-url",
      List.of("AWS_ENDPOINT_URL_STS", "AWS_ENDPOINT_URL"),
      null,
      "STS endpoint override, for assuming the roles ImageBuilderAccount mappings name (the local"
          + " emulator); unset for real AWS"),
  REQUIRE_ACCOUNT_MAPPING(
      "--require-account-mapping",
      List.of("IBW_REQUIRE_ACCOUNT_MAPPING"),
      "false",
      "true refuses the workflows of namespaces no ImageBuilderAccount maps (AccountNotMapped)"
          + " instead of using the operator's own credentials for them"),
  WATCH_NAMESPACES(
      "--watch-namespaces",
      List.of("IBW_WATCH_NAMESPACES"),
      "",
      "comma-separated namespaces to watch; empty watches all namespaces"),
  DEFAULT_DELETION_POLICY(
      "--default-deletion-policy",
      List.of("IBW_DEFAULT_DELETION_POLICY"),
      "Delete",
      "Delete or Retain: what happens to AWS build versions when a resource without"
          + " spec.deletionPolicy is deleted"),
  DRIFT_CHECK_INTERVAL(
      "--drift-check-interval",
      List.of("IBW_DRIFT_CHECK_INTERVAL"),
      "10m",
      "how often an up-to-date resource is compared with AWS (10m, 1h30m, PT10M)"),
  MAX_CONCURRENT_RECONCILES(
      "--max-concurrent-reconciles",
      List.of("IBW_MAX_CONCURRENT_RECONCILES"),
      "20",
      "reconciler worker threads"),
  AWS_CALLS_PER_SECOND(
      "--aws-calls-per-second",
      List.of("IBW_AWS_CALLS_PER_SECOND"),
      "",
      "optional ceiling on Image Builder calls per second, per region and API; unset, the pace"
          + " adapts to the account's limit by itself"),
  HTTP_PORT(
      "--http-port",
      List.of("IBW_HTTP_PORT"),
      "8080",
      "port of /healthz, /readyz and /metrics (0 picks a free port)"),
  LOG_FORMAT(
      "--log-format", List.of("IBW_LOG_FORMAT"), "plain", "plain or json (one object per line)"),
  LEADER_ELECTION(
      "--leader-election",
      List.of("IBW_LEADER_ELECTION"),
      "false",
      "true to elect one active replica through a Lease (set in deploy/)"),
  LEASE_NAME(
      "--lease-name",
      List.of("IBW_LEASE_NAME"),
      "imagebuilder-workflow-operator",
      "name of the leader-election Lease"),
  LEASE_NAMESPACE(
      "--lease-namespace",
      List.of("IBW_LEASE_NAMESPACE"),
      "",
      "namespace of the Lease; empty means the operator's own namespace");

  private final String flag;
  private final List<String> envNames;
  private final String defaultValue;
  private final String help;

  Setting(String flag, List<String> envNames, String defaultValue, String help) {
    this.flag = flag;
    this.envNames = envNames;
    this.defaultValue = defaultValue;
    this.help = help;
  }

  public String flag() {
    return flag;
  }

  public List<String> envNames() {
    return envNames;
  }

  /** The text used when neither a flag nor a variable is given; null when there is none. */
  public String defaultValue() {
    return defaultValue;
  }

  public String help() {
    return help;
  }
}
