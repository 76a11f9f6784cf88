package dev.gitops.imagebuilder.config;

import dev.gitops.imagebuilder.api.DeletionPolicy;
import dev.gitops.imagebuilder.aws.KnownRegions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/**
 * Builds {@link OperatorConfig} from environment variables and {@code --flags} (flags win). Every
 * bad value is reported, not just the first, each as one line: {@code NAME: rule, got "value"}.
 */
public final class ConfigParser {
  private final ConfigInput input;
  private final List<String> problems = new ArrayList<>();

  private ConfigParser(Map<String, String> env, List<String> args) {
    this.input = new ConfigInput(env, args);
    problems.addAll(input.problems());
  }

  public static OperatorConfig parse(Map<String, String> env, List<String> args)
      throws InvalidConfigException {
    return new ConfigParser(env, args).build();
  }

  private OperatorConfig build() throws InvalidConfigException {
    var extraRegions = read(Setting.EXTRA_REGIONS, ValueRules::regions);
    KnownRegions known = new KnownRegions(extraRegions == null ? Set.of() : extraRegions);
    String region =
        read(
            Setting.REGION,
            t ->
                ValueRules.require(
                    ValueRules.region(t),
                    known.contains(t),
                    "must be a region the AWS SDK knows (one newer than the SDK: add it to"
                        + " IBW_EXTRA_REGIONS)"));
    var endpoint = optional(Setting.ENDPOINT, ValueRules::endpoint);
    var stsEndpoint = optional(Setting.STS_ENDPOINT, ValueRules::endpoint);
    Boolean requireMapping = read(Setting.REQUIRE_ACCOUNT_MAPPING, ValueRules::bool);
    var namespaces = read(Setting.WATCH_NAMESPACES, ValueRules::namespaces);
    var deletionPolicy =
        read(Setting.DEFAULT_DELETION_POLICY, t -> ValueRules.oneOf(DeletionPolicy.class, t));
    var driftInterval = read(Setting.DRIFT_CHECK_INTERVAL, ValueRules::positiveDuration);
    Integer maxReconciles =
        read(
            Setting.MAX_CONCURRENT_RECONCILES,
            t -> ValueRules.wholeNumber(t, 1, 1000, "must be a whole number from 1 to 1000"));
    Double callsPerSecond = read(Setting.AWS_CALLS_PER_SECOND, ValueRules::rateCeiling);
    Integer port =
        read(
            Setting.HTTP_PORT,
            t ->
                ValueRules.wholeNumber(
                    t, 0, 65535, "must be a port number from 0 to 65535 (0 picks a free port)"));
    var logFormat = read(Setting.LOG_FORMAT, ValueRules::logFormat);
    Boolean leaderElection = read(Setting.LEADER_ELECTION, ValueRules::bool);
    String leaseName = read(Setting.LEASE_NAME, ValueRules::leaseName);
    var leaseNamespace = optional(Setting.LEASE_NAMESPACE, ValueRules::namespace);
    if (!problems.isEmpty()) {
      // distinct: AWS_ENDPOINT_URL serves Image Builder and STS alike, one problem said once
      throw new InvalidConfigException(problems.stream().distinct().toList());
    }
    return new OperatorConfig(
        region,
        endpoint,
        namespaces,
        deletionPolicy,
        driftInterval,
        maxReconciles,
        callsPerSecond,
        port,
        logFormat,
        leaderElection,
        leaseName,
        leaseNamespace,
        extraRegions,
        stsEndpoint,
        requireMapping);
  }

  /** The {@code --help} text: one paragraph per setting. */
  public static String usage() {
    var text = new StringBuilder("Settings (a flag wins over its environment variables):\n");
    for (Setting s : Setting.values()) {
      text.append(
          String.format(
              "  %-30s %s%n      %s%s%n",
              s.flag(),
              String.join(" | ", s.envNames()),
              s.help(),
              s.defaultValue() == null || s.defaultValue().isEmpty()
                  ? ""
                  : " (default " + s.defaultValue() + ")"));
    }
    return text.toString();
  }

  /** The value from a flag, a variable or the default; null (with a problem noted) if bad. */
  private <T> T read(Setting setting, Function<String, T> rule) {
    Optional<ConfigInput.Raw> raw = input.get(setting);
    if (raw.isEmpty() && setting.defaultValue() == null) {
      problems.add(
          setting.envNames().get(0)
              + ": required, set it or "
              + alternatives(setting)
              + " ("
              + setting.help()
              + ")");
      return null;
    }
    var given =
        raw.orElse(new ConfigInput.Raw("default of " + setting.flag(), setting.defaultValue()));
    try {
      return rule.apply(given.text());
    } catch (IllegalArgumentException e) {
      problems.add(given.source() + ": " + e.getMessage() + ", got \"" + given.text() + "\"");
      return null;
    }
  }

  private <T> Optional<T> optional(Setting setting, Function<String, T> rule) {
    return input.get(setting).isEmpty()
        ? Optional.empty()
        : Optional.ofNullable(read(setting, rule));
  }

  private static String alternatives(Setting setting) {
    var names = new ArrayList<>(setting.envNames().subList(1, setting.envNames().size()));
    names.add(setting.flag());
    return String.join(" or ", names);
  }
}
