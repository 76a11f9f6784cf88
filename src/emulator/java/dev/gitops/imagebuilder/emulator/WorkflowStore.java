package dev.gitops.imagebuilder.emulator;

import java.time.Clock;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.locks.ReadWriteLock;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import java.util.function.Supplier;
import java.util.function.UnaryOperator;

/**
 * The emulator's state: workflow build versions per account, region, type and name. Thread-safe
 * (one read-write lock; every decision that reads and then writes happens under the write lock).
 *
 * <h2>Semantics (the one place where the emulator's choices are written down)</h2>
 *
 * <ol>
 *   <li><b>Accounts.</b> A call acts in the account of its credentials: the emulator's own ({@code
 *       --account}) for long-term keys, the role's account for keys AssumeRole issued ({@link
 *       CallerIdentities}). Every account has its own workflows, build numbers, clientTokens, quota
 *       and pagination tokens, and its account id in ARNs and {@code owner}; the same name in two
 *       accounts is two workflows. An ARN of another account (other than {@code aws}) is
 *       ForbiddenException (403) on every call that takes one, whether or not it exists, with IAM's
 *       wording ("User: … is not authorized to perform: imagebuilder:GetWorkflow on resource: …
 *       because no resource-based policy allows the imagebuilder:GetWorkflow action"): that is what
 *       AWS answers for another account's Image Builder resources (authorisation comes before
 *       lookup, and workflows cannot be shared by a resource policy), and it tells nothing of what
 *       exists there. The tag calls, whose model lists no ForbiddenException, raise it as a plain
 *       ImagebuilderException. State lives in memory only: nothing, of any account, survives a
 *       restart.
 *   <li><b>Identity.</b> A workflow is (account, region, type, ARN name) where the ARN name is the
 *       name lower-cased with spaces turned into hyphens. A create whose name maps to an existing
 *       ARN name but is spelled differently ("My Flow" vs "my-flow") is ResourceInUseException
 *       while builds exist under the other spelling: the ARN could not tell them apart.
 *   <li><b>Build numbers.</b> The first create of name+type+version is build 1. A later create with
 *       a different configuration (data/uri content, description, changeDescription, kmsKeyId; tags
 *       are not configuration) makes build N+1, where N is the highest number ever issued for that
 *       version: numbers are never reused, even after a delete. A create whose configuration equals
 *       the newest existing build fails with ResourceInUseException whose message names that
 *       build's ARN.
 *   <li><b>Idempotency.</b> clientTokens are remembered per account and region for the life of the
 *       emulator. The same token with the same request body (dryRun aside) answers the original
 *       response, even if the build was deleted since; with any other body it is
 *       IdempotentParameterMismatchException. Checked before every other state rule.
 *   <li><b>Dry run.</b> {@code dryRun: true} applies every rule (document, idempotency, name
 *       spelling, same configuration, quota) and then answers DryRunOperationException (412)
 *       instead of creating: no build, no token record, nothing else changes.
 *   <li><b>Quota.</b> At most {@code maxBuildVersions} existing builds per account and region
 *       (deleted ones do not count); the next create is ServiceQuotaExceededException.
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
 *       only the newest version of each name+type; owner Self (the default) lists the caller's
 *       account; owners other than Self and Amazon return nothing. Filters: {@code name}
 *       (case-insensitive substring, any value), {@code type}, {@code version}; other filter names
 *       are InvalidRequestException. ListWorkflowBuildVersions lists builds oldest first (the
 *       service model promises no order, so clients must sort). Owner {@code Amazon} lists the
 *       workflows AWS publishes ({@link AwsOwnedWorkflows}), which every ARN form resolves in
 *       account {@code aws} and which no call can change (ForbiddenException). Pages are offsets
 *       sealed in an HMAC token bound to the request and its account, so a forged or
 *       replayed-elsewhere token is InvalidPaginationTokenException.
 *   <li><b>Times.</b> {@code dateCreated} is an ISO-8601 UTC string with milliseconds, as the model
 *       types it (a string, not a timestamp).
 * </ol>
 */
final class WorkflowStore {

  private final Clock clock;
  private final ReadWriteLock lock = new ReentrantReadWriteLock();
  private final WorkflowLines lines = new WorkflowLines();
  private final ClientTokens tokens = new ClientTokens();
  private final Map<String, Long> liveBuilds = new HashMap<>();
  private volatile int maxBuildVersions;

  WorkflowStore(int maxBuildVersions, Clock clock) {
    this.maxBuildVersions = maxBuildVersions;
    this.clock = clock;
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
      Optional<String> replayed = tokens.replay(c);
      if (replayed.isPresent()) {
        return dryRun ? wouldSucceed() : replayed.get();
      }
      WorkflowLines.LineKey key =
          new WorkflowLines.LineKey(
              c.account(),
              c.region(),
              c.type().toLowerCase(Locale.ROOT),
              WorkflowArn.slugOf(c.name()));
      WorkflowLines.Line line = lines.get(key);
      boolean empty = line == null || line.isEmpty();
      if (!empty && !line.name.equals(c.name())) {
        throw new ApiException(
            ErrorType.ResourceInUseException,
            "The workflow name "
                + c.name()
                + " maps to the same ARN as the existing workflow "
                + line.name
                + ".");
      }
      WorkflowLines.History existing = line == null ? null : line.versions.get(c.version());
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
      String quotaKey = c.account() + "\n" + c.region();
      if (liveBuilds.getOrDefault(quotaKey, 0L) >= maxBuildVersions) {
        throw new ApiException(
            ErrorType.ServiceQuotaExceededException,
            "The quota of " + maxBuildVersions + " workflow build versions has been reached.");
      }
      if (dryRun) {
        return wouldSucceed();
      }
      if (line == null) {
        line = lines.add(key, c.name());
      } else if (empty) {
        line.name = c.name(); // nothing left under the old spelling
      }
      WorkflowLines.History history =
          line.versions.computeIfAbsent(c.version(), v -> new WorkflowLines.History());
      long number = ++history.lastNumber;
      WorkflowBuild build =
          WorkflowBuild.created(c, number, clock.instant().truncatedTo(ChronoUnit.MILLIS));
      history.builds.put(number, build);
      tokens.record(c, build.arn());
      liveBuilds.merge(quotaKey, 1L, Long::sum);
      return build.arn();
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
    return read(() -> lines.matching(arn).stream().min(WorkflowLines.NEWEST_FIRST));
  }

  /** Builds an ARN matches, oldest first (a build ARN matches at most one). */
  List<WorkflowBuild> builds(WorkflowArn arn) {
    List<WorkflowBuild> result = read(() -> lines.matching(arn));
    result.sort(WorkflowLines.NEWEST_FIRST.reversed());
    return result;
  }

  /**
   * The newest build of every name+type+version of an account in a region, sorted by name, type and
   * version.
   */
  List<WorkflowBuild> newestPerVersion(String account, String region) {
    return read(() -> lines.newestPerVersion(account, region));
  }

  /**
   * Replaces the build a build ARN names with {@code change}'s result (null removes it); answers
   * the build as it was. Unknown → ResourceNotFoundException.
   */
  WorkflowBuild replace(WorkflowArn arn, UnaryOperator<WorkflowBuild> change) {
    lock.writeLock().lock();
    try {
      WorkflowLines.History history = lines.historyOf(arn);
      WorkflowBuild build = history == null ? null : history.builds.get(arn.build());
      if (build == null) {
        throw notFound(arn.toString());
      }
      WorkflowBuild changed = change.apply(build);
      if (changed == null) {
        history.builds.remove(arn.build());
        liveBuilds.merge(arn.account() + "\n" + arn.region(), -1L, Long::sum);
      } else {
        history.builds.put(arn.build(), changed);
      }
      return build;
    } finally {
      lock.writeLock().unlock();
    }
  }

  /** Every stored build of {@code account} (null: of every account). */
  List<WorkflowBuild> snapshot(String account) {
    return read(() -> List.copyOf(lines.all(account)));
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

  private <T> T read(Supplier<T> query) {
    lock.readLock().lock();
    try {
      return query.get();
    } finally {
      lock.readLock().unlock();
    }
  }

  static ApiException notFound(String arn) {
    return new ApiException(
        ErrorType.ResourceNotFoundException, "The resource " + arn + " was not found.");
  }
}
