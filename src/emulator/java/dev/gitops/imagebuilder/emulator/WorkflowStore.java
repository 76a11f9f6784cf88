package dev.gitops.imagebuilder.emulator;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Clock;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.locks.ReadWriteLock;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import java.util.function.UnaryOperator;

/**
 * The emulator's state: workflow build versions per region, account, type and name. Thread-safe
 * (one read-write lock; every decision that reads and then writes happens under the write lock).
 *
 * <h2>Semantics (the one place where the emulator's choices are written down)</h2>
 *
 * <ol>
 *   <li><b>Identity.</b> A workflow is (region, type, ARN name) where the ARN name is the name
 *       lower-cased with spaces turned into hyphens. A create whose name maps to an existing ARN
 *       name but is spelled differently ("My Flow" vs "my-flow") is ResourceInUseException while
 *       builds exist under the other spelling: the ARN could not tell them apart.
 *   <li><b>Build numbers.</b> The first create of name+type+version is build 1. A later create with
 *       a different configuration (data/uri content, description, changeDescription, kmsKeyId; tags
 *       are not configuration) makes build N+1, where N is the highest number ever issued for that
 *       version: numbers are never reused, even after a delete. A create whose configuration equals
 *       the newest existing build fails with ResourceInUseException whose message names that
 *       build's ARN.
 *   <li><b>Idempotency.</b> clientTokens are remembered per region for the life of the emulator.
 *       The same token with the same request body (dryRun aside) answers the original response,
 *       even if the build was deleted since; with any other body it is
 *       IdempotentParameterMismatchException. Checked before every other state rule.
 *   <li><b>Dry run.</b> {@code dryRun: true} applies every rule (document, idempotency, name
 *       spelling, same configuration, quota) and then answers DryRunOperationException (412)
 *       instead of creating: no build, no token record, nothing else changes.
 *   <li><b>Quota.</b> At most {@code maxBuildVersions} existing builds per region (deleted ones do
 *       not count); the next create is ServiceQuotaExceededException.
 *   <li><b>Resolution.</b> A build ARN names one build; a version ARN {@code …/1.2.3} and wildcard
 *       ARNs ({@code x.x.x}, {@code 1.x.x}, {@code 1.2.x}) name the newest matching build, ordering
 *       versions numerically and then by build number. Deprecated builds still resolve. Unknown →
 *       ResourceNotFoundException (404), also on GetWorkflow and DeleteWorkflow where the model
 *       does not list it, as the service does. ARNs carry their region's partition ({@code aws-cn}
 *       for cn-*, {@code aws-us-gov} for us-gov-*, else {@code aws}); an ARN naming another
 *       partition names nothing.
 *   <li><b>Delete.</b> Only build ARNs. A build marked in use → ResourceDependencyException.
 *   <li><b>Tags.</b> Tags live on build versions; tag calls take build ARNs. Other ARN forms of a
 *       workflow are InvalidParameterException; ARNs of other resource types (image recipes…) are
 *       ResourceNotFoundException.
 *   <li><b>Lists.</b> ListWorkflows returns one WorkflowVersion per name+type+version (version ARN,
 *       fields of the newest build), sorted by name, type, then version; {@code byName=true} keeps
 *       only the newest version of each name+type; owners other than Self (the default) and Amazon
 *       return nothing. Filters: {@code name} (case-insensitive substring, any value), {@code
 *       type}, {@code version}; other filter names are InvalidRequestException.
 *       ListWorkflowBuildVersions lists builds oldest first (the service model promises no order,
 *       so clients must sort). Owner {@code Amazon} lists the workflows AWS publishes ({@link
 *       AwsOwnedWorkflows}), which every ARN form resolves in account {@code aws} and which no call
 *       can change (ForbiddenException). Pages are offsets sealed in an HMAC token bound to the
 *       request, so a forged or replayed-elsewhere token is InvalidPaginationTokenException.
 *   <li><b>Times.</b> {@code dateCreated} is an ISO-8601 UTC string with milliseconds, as the model
 *       types it (a string, not a timestamp).
 * </ol>
 */
final class WorkflowStore {

  private record LineKey(String region, String type, String slug) {}

  /**
   * All versions of one workflow, and the name it was created with (the ARN keeps only the slug).
   */
  private static final class Line {
    String name;
    final TreeMap<SemanticVersion, History> versions = new TreeMap<>();

    Line(String name) {
      this.name = name;
    }
  }

  private static final class History {
    final TreeMap<Long, WorkflowBuild> builds = new TreeMap<>();
    long lastNumber;
  }

  private record TokenRecord(JsonNode fingerprint, String arn) {}

  private static final Comparator<WorkflowBuild> NEWEST_FIRST =
      Comparator.comparing((WorkflowBuild b) -> SemanticVersion.parseOrNull(b.version()))
          .reversed()
          .thenComparing(Comparator.comparingLong(WorkflowBuild::buildNumber).reversed());

  private final String account;
  private final Clock clock;
  private final ReadWriteLock lock = new ReentrantReadWriteLock();
  private final Map<LineKey, Line> lines = new HashMap<>();
  private final Map<String, TokenRecord> tokens = new HashMap<>();
  private final Map<String, Long> liveBuilds = new HashMap<>();
  private volatile int maxBuildVersions;

  WorkflowStore(String account, int maxBuildVersions, Clock clock) {
    this.account = account;
    this.maxBuildVersions = maxBuildVersions;
    this.clock = clock;
  }

  String account() {
    return account;
  }

  void maxBuildVersions(int max) {
    maxBuildVersions = max;
  }

  /**
   * Creates a build or replays an idempotent one; answers the build's ARN. A dry run applies every
   * rule a real create would, then answers DryRunOperationException instead of changing anything:
   * no build, no token record, no spelling change.
   */
  String create(CreateCommand c, boolean dryRun) {
    lock.writeLock().lock();
    try {
      TokenRecord seen = tokens.get(c.region() + "\n" + c.clientToken());
      if (seen != null) {
        if (!seen.fingerprint().equals(c.fingerprint())) {
          throw new ApiException(
              ErrorType.IdempotentParameterMismatchException,
              "The client token " + c.clientToken() + " was used with different parameters.");
        }
        return dryRun ? wouldSucceed() : seen.arn();
      }
      LineKey key =
          new LineKey(c.region(), c.type().toLowerCase(Locale.ROOT), WorkflowArn.slugOf(c.name()));
      Line line = lines.get(key);
      boolean empty =
          line == null || line.versions.values().stream().allMatch(h -> h.builds.isEmpty());
      if (!empty && !line.name.equals(c.name())) {
        throw new ApiException(
            ErrorType.ResourceInUseException,
            "The workflow name "
                + c.name()
                + " maps to the same ARN as the existing workflow "
                + line.name
                + ".");
      }
      History existing = line == null ? null : line.versions.get(c.version());
      Map.Entry<Long, WorkflowBuild> newest = existing == null ? null : existing.builds.lastEntry();
      if (newest != null
          && newest
              .getValue()
              .sameConfiguration(c.data(), c.description(), c.changeDescription(), c.kmsKeyId())) {
        throw new ApiException(
            ErrorType.ResourceInUseException,
            "The workflow build version "
                + newest.getValue().arn()
                + " already exists with the same configuration.");
      }
      if (liveBuilds.getOrDefault(c.region(), 0L) >= maxBuildVersions) {
        throw new ApiException(
            ErrorType.ServiceQuotaExceededException,
            "The quota of " + maxBuildVersions + " workflow build versions has been reached.");
      }
      if (dryRun) {
        return wouldSucceed();
      }
      if (line == null) {
        line = new Line(c.name());
        lines.put(key, line);
      } else if (empty) {
        line.name = c.name(); // nothing left under the old spelling
      }
      History history = line.versions.computeIfAbsent(c.version(), v -> new History());
      long number = ++history.lastNumber;
      String arn =
          WorkflowArn.of(
                  c.region(), account, c.type(), c.name(), VersionFilter.exact(c.version()), number)
              .toString();
      history.builds.put(
          number,
          new WorkflowBuild(
              arn,
              c.name(),
              c.type(),
              c.version().toString(),
              number,
              c.description(),
              c.changeDescription(),
              c.data(),
              c.kmsKeyId(),
              clock.instant().truncatedTo(ChronoUnit.MILLIS),
              c.tags(),
              c.parameters(),
              null,
              false));
      tokens.put(c.region() + "\n" + c.clientToken(), new TokenRecord(c.fingerprint(), arn));
      liveBuilds.merge(c.region(), 1L, Long::sum);
      return arn;
    } finally {
      lock.writeLock().unlock();
    }
  }

  private static String wouldSucceed() {
    throw new ApiException(
        ErrorType.DryRunOperationException,
        "Request would have succeeded, but the DryRun parameter was set.");
  }

  /** The build an ARN names (build, version or wildcard ARN), newest matching. */
  Optional<WorkflowBuild> resolve(WorkflowArn arn) {
    lock.readLock().lock();
    try {
      return matching(arn).stream().min(NEWEST_FIRST);
    } finally {
      lock.readLock().unlock();
    }
  }

  /** Builds an ARN matches, oldest first (a build ARN matches at most one). */
  List<WorkflowBuild> builds(WorkflowArn arn) {
    lock.readLock().lock();
    try {
      List<WorkflowBuild> result = matching(arn);
      result.sort(NEWEST_FIRST.reversed());
      return result;
    } finally {
      lock.readLock().unlock();
    }
  }

  /** The newest build of every name+type+version in a region, sorted by name, type and version. */
  List<WorkflowBuild> newestPerVersion(String region) {
    lock.readLock().lock();
    try {
      List<WorkflowBuild> result = new ArrayList<>();
      lines.entrySet().stream()
          .filter(e -> e.getKey().region().equals(region))
          .sorted(
              Comparator.comparing((Map.Entry<LineKey, ?> e) -> e.getKey().slug())
                  .thenComparing(e -> e.getKey().type()))
          .forEach(
              e ->
                  e.getValue().versions.values().stream()
                      .filter(h -> !h.builds.isEmpty())
                      .forEach(h -> result.add(h.builds.lastEntry().getValue())));
      return result;
    } finally {
      lock.readLock().unlock();
    }
  }

  WorkflowBuild delete(WorkflowArn arn) {
    return replace(
        arn,
        build -> {
          if (build.inUse()) {
            throw new ApiException(
                ErrorType.ResourceDependencyException,
                "The workflow build version "
                    + build.arn()
                    + " is used by an image recipe or pipeline.");
          }
          return null;
        });
  }

  /**
   * Replaces the build a build ARN names with {@code change}'s result (null removes it); answers
   * the build as it was. Unknown → ResourceNotFoundException.
   */
  WorkflowBuild replace(WorkflowArn arn, UnaryOperator<WorkflowBuild> change) {
    lock.writeLock().lock();
    try {
      History history = historyOf(arn);
      WorkflowBuild build = history == null ? null : history.builds.get(arn.build());
      if (build == null) {
        throw notFound(arn.toString());
      }
      WorkflowBuild changed = change.apply(build);
      if (changed == null) {
        history.builds.remove(arn.build());
        liveBuilds.merge(arn.region(), -1L, Long::sum);
      } else {
        history.builds.put(arn.build(), changed);
      }
      return build;
    } finally {
      lock.writeLock().unlock();
    }
  }

  List<WorkflowBuild> snapshot() {
    lock.readLock().lock();
    try {
      List<WorkflowBuild> all = new ArrayList<>();
      lines
          .values()
          .forEach(line -> line.versions.values().forEach(h -> all.addAll(h.builds.values())));
      return List.copyOf(all);
    } finally {
      lock.readLock().unlock();
    }
  }

  void clear() {
    lock.writeLock().lock();
    try {
      lines.clear();
      tokens.clear();
      liveBuilds.clear();
    } finally {
      lock.writeLock().unlock();
    }
  }

  static ApiException notFound(String arn) {
    return new ApiException(
        ErrorType.ResourceNotFoundException, "The resource " + arn + " was not found.");
  }

  private List<WorkflowBuild> matching(WorkflowArn arn) {
    if (AwsOwnedWorkflows.owns(arn)) {
      return new ArrayList<>(AwsOwnedWorkflows.matching(arn));
    }
    List<WorkflowBuild> result = new ArrayList<>();
    if (!arn.account().equals(account) || !arn.inItsPartition()) {
      return result;
    }
    Line line = lines.get(new LineKey(arn.region(), arn.type(), arn.slug()));
    if (line == null) {
      return result;
    }
    Map<SemanticVersion, History> candidates =
        arn.version().isExact()
            ? line.versions.subMap(exact(arn.version()), true, exact(arn.version()), true)
            : line.versions;
    candidates.forEach(
        (version, history) -> {
          if (arn.version().matches(version)) {
            history.builds.values().stream()
                .filter(b -> arn.build() == null || b.buildNumber() == arn.build())
                .forEach(result::add);
          }
        });
    return result;
  }

  private History historyOf(WorkflowArn arn) {
    if (!arn.account().equals(account) || !arn.inItsPartition() || !arn.version().isExact()) {
      return null;
    }
    Line line = lines.get(new LineKey(arn.region(), arn.type(), arn.slug()));
    return line == null ? null : line.versions.get(exact(arn.version()));
  }

  private static SemanticVersion exact(VersionFilter v) {
    return new SemanticVersion(v.major(), v.minor(), v.patch());
  }
}
