package dev.gitops.imagebuilder.aws;

import dev.gitops.imagebuilder.api.WorkflowType;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Predicate;
import java.util.function.Supplier;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.services.imagebuilder.model.CreateWorkflowResponse;
import software.amazon.awssdk.services.imagebuilder.model.Filter;
import software.amazon.awssdk.services.imagebuilder.model.Workflow;
import software.amazon.awssdk.services.imagebuilder.model.WorkflowStatus;
import software.amazon.awssdk.services.imagebuilder.model.WorkflowSummary;
import software.amazon.awssdk.services.imagebuilder.model.WorkflowVersion;

/**
 * The operator's one seam to Image Builder: every read (observe) and write (act) goes through here,
 * paced, retried and measured by the target's client ({@link AwsClients}), with failures classified
 * as {@link AwsCallException}.
 */
public class ImageBuilderGateway {
  private static final int PAGE = 25;
  private static final int MAX_LISTING_RESTARTS = 3;

  /** The account in the ARNs of workflows AWS publishes. */
  public static final String AWS_ACCOUNT = "aws";

  private static final software.amazon.awssdk.services.imagebuilder.model.Ownership SELF =
      software.amazon.awssdk.services.imagebuilder.model.Ownership.SELF;
  private static final software.amazon.awssdk.services.imagebuilder.model.Ownership AMAZON =
      software.amazon.awssdk.services.imagebuilder.model.Ownership.AMAZON;

  private final AwsCalls calls;
  // Per account and region, an ARN the service returned there: its partition and account id (no STS
  // call needed). Per region, because China and GovCloud regions have their own partition.
  private final Map<String, ArnFormat> seen = new ConcurrentHashMap<>();

  public ImageBuilderGateway(AwsClients clients, MeterRegistry registry) {
    this.calls = new AwsCalls(clients, registry);
  }

  /**
   * The builds of the desired name, type and version, newest first (sorted here: the service
   * promises no order), read the cheapest way: one ListWorkflowBuildVersions call once the region's
   * partition and account are known, else {@link #observeWorkflow}.
   */
  public Observation observe(AwsTarget target, WorkflowType type, String name, String version) {
    return observe(target, type, name, version, Turn.WAIT);
  }

  /**
   * {@link #observe} for the periodic check of a resource that is up to date: its read yields to
   * those of resources whose spec changed, which wait for the same pace.
   */
  public Observation check(AwsTarget target, WorkflowType type, String name, String version) {
    return observe(target, type, name, version, Turn.YIELD);
  }

  private Observation observe(
      AwsTarget target, WorkflowType type, String name, String version, Turn turn) {
    ArnFormat known = seen.get(key(target));
    if (known != null) {
      return new Observation(builds(target, known.versionArn(type, name, version), turn));
    }
    return observeWorkflow(target, type, name, version);
  }

  /**
   * The builds of the desired version together with the workflow's versions: one ListWorkflows call
   * (all versions of the name, so a create of a workflow that has none needs no claim check), plus
   * the list of builds when the version exists.
   */
  public Observation observeWorkflow(
      AwsTarget target, WorkflowType type, String name, String version) {
    List<String> versions = workflowVersions(target, type, name);
    Optional<String> versionArn =
        versions.stream().filter(arn -> ArnFormat.parse(arn).version().equals(version)).findFirst();
    return new Observation(
        versionArn.map(arn -> builds(target, arn)).orElse(List.of()), Optional.of(versions));
  }

  /**
   * The newest build matching name, type and version (wildcards allowed) as the service resolves a
   * wildcard ARN: highest version, then highest build; the account's own workflows first, else
   * those AWS publishes. Reads only.
   */
  public Optional<ObservedBuild> find(
      AwsTarget target, WorkflowType type, String name, VersionWildcard version) {
    for (software.amazon.awssdk.services.imagebuilder.model.Ownership owner :
        List.of(SELF, AMAZON)) {
      for (String versionArn : versionArns(target, type, name, version::matches, owner)) {
        Optional<ObservedBuild> newest = builds(target, versionArn).stream().findFirst();
        if (newest.isPresent()) {
          return newest;
        }
      }
    }
    return Optional.empty();
  }

  /**
   * Takes a CreateWorkflow turn at the target's pace before the reads that lead to a create, so a
   * caller sent away to wait for its turn has made no call yet. Throws {@link ErrorClass#THROTTLED}
   * with when to come back.
   */
  public void takeCreateTurn(AwsTarget target) {
    calls.takeTurn(target, "CreateWorkflow");
  }

  /**
   * CreateWorkflow; answers the new build's ARN (or, for a repeated token, the first answer's).
   *
   * @param turnTaken whether {@link #takeCreateTurn} was called for this create: it then does not
   *     wait for the pace again
   */
  public String create(CreateRequest request, boolean turnTaken) {
    String arn = send(request, false, turnTaken ? Turn.TAKEN : Turn.WAIT).workflowBuildVersionArn();
    learn(request.target(), arn);
    return arn;
  }

  /**
   * CreateWorkflow with {@code dryRun}: the service judges exactly the request a create would send
   * (document, KMS key, URI, quota, idempotency) and changes nothing. Throttling and outages throw,
   * as for any call; every other answer is a verdict.
   */
  public DryRunVerdict dryRun(CreateRequest request) {
    try {
      send(request, true, Turn.WAIT);
    } catch (AwsCallException e) {
      String message = serviceMessage(e);
      if (e.errorClass() == ErrorClass.DRY_RUN_PASSED) {
        return new DryRunVerdict(true, null, message);
      }
      if (e.errorClass() == ErrorClass.THROTTLED || e.errorClass() == ErrorClass.UNAVAILABLE) {
        throw e;
      }
      return new DryRunVerdict(false, e.errorCode(), message);
    }
    throw new IllegalStateException("CreateWorkflow answered a dry run with success: " + request);
  }

  private CreateWorkflowResponse send(CreateRequest request, boolean dryRun, Turn turn) {
    return calls.call(
        request.target(),
        "CreateWorkflow",
        turn,
        (c, as) ->
            c.createWorkflow(
                b ->
                    b.overrideConfiguration(as)
                        .name(request.name())
                        .type(request.type().name())
                        .semanticVersion(request.semanticVersion())
                        .description(request.description())
                        .changeDescription(request.changeDescription())
                        .data(request.data())
                        .uri(request.uri())
                        .kmsKeyId(request.kmsKeyId())
                        .tags(request.tags())
                        .clientToken(request.clientToken())
                        .dryRun(dryRun ? Boolean.TRUE : null)));
  }

  /** The service's own words, without the SDK's request details. */
  private static String serviceMessage(AwsCallException e) {
    if (e.getCause() instanceof AwsServiceException s
        && s.awsErrorDetails() != null
        && s.awsErrorDetails().errorMessage() != null) {
      return s.awsErrorDetails().errorMessage();
    }
    return e.getCause() == null ? e.getMessage() : e.getCause().getMessage();
  }

  public void tag(AwsTarget target, String arn, Map<String, String> tags) {
    calls.call(
        target,
        "TagResource",
        (c, as) -> c.tagResource(b -> b.overrideConfiguration(as).resourceArn(arn).tags(tags)));
  }

  public void untag(AwsTarget target, String arn, Set<String> keys) {
    calls.call(
        target,
        "UntagResource",
        (c, as) ->
            c.untagResource(b -> b.overrideConfiguration(as).resourceArn(arn).tagKeys(keys)));
  }

  /**
   * The content hash of a build the operator did not create (GetWorkflow: the document, not its
   * URI).
   */
  public String contentHashOf(AwsTarget target, String buildArn) {
    Workflow w =
        calls
            .call(
                target,
                "GetWorkflow",
                (c, as) ->
                    c.getWorkflow(
                        b -> b.overrideConfiguration(as).workflowBuildVersionArn(buildArn)))
            .workflow();
    return ContentHash.of(w.data(), w.description(), w.changeDescription(), w.kmsKeyId());
  }

  /**
   * Every build, of every version, of this name and type, whoever owns it: one ListWorkflows
   * listing plus one ListWorkflowBuildVersions listing per version.
   */
  public List<ObservedBuild> workflowBuilds(AwsTarget target, WorkflowType type, String name) {
    return builds(target, workflowVersions(target, type, name));
  }

  /** The account's version ARNs of this name and type, the highest semantic version first. */
  public List<String> workflowVersions(AwsTarget target, WorkflowType type, String name) {
    return versionArns(target, type, name, v -> true, SELF);
  }

  /** Every build of the given versions: one ListWorkflowBuildVersions listing per version. */
  public List<ObservedBuild> builds(AwsTarget target, List<String> versionArns) {
    List<ObservedBuild> all = new ArrayList<>();
    for (String versionArn : versionArns) {
      all.addAll(builds(target, versionArn));
    }
    return all;
  }

  /** Every build, of every version, of this name and type that the owner's tags claim. */
  public List<String> ownedBuildArns(
      AwsTarget target, WorkflowType type, String name, Ownership owner) {
    return workflowBuilds(target, type, name).stream()
        .filter(b -> b.owner().filter(owner::equals).isPresent())
        .map(ObservedBuild::arn)
        .toList();
  }

  /** DeleteWorkflow; false when the build was already gone. */
  public boolean delete(AwsTarget target, String buildArn) {
    try {
      calls.call(
          target,
          "DeleteWorkflow",
          (c, as) ->
              c.deleteWorkflow(b -> b.overrideConfiguration(as).workflowBuildVersionArn(buildArn)));
      return true;
    } catch (AwsCallException e) {
      if (e.errorClass() == ErrorClass.NOT_FOUND) {
        return false;
      }
      throw e;
    }
  }

  /**
   * Runs a listing again from its first page when the service refuses a nextToken (expired or
   * invalid): asking again for the same page cannot succeed, and the SDK's paginator would.
   */
  private static <T> List<T> restartingOnRefusedToken(Supplier<List<T>> listing) {
    for (int restart = 0; ; restart++) {
      try {
        return listing.get();
      } catch (AwsCallException e) {
        if (e.errorClass() != ErrorClass.INVALID_PAGINATION_TOKEN
            || restart >= MAX_LISTING_RESTARTS) {
          throw e;
        }
      }
    }
  }

  private List<ObservedBuild> builds(AwsTarget target, String versionArn) {
    return builds(target, versionArn, Turn.WAIT);
  }

  /** The builds of one version, newest (highest build number) first, whatever the listed order. */
  private List<ObservedBuild> builds(AwsTarget target, String versionArn, Turn turn) {
    return restartingOnRefusedToken(() -> buildPages(target, versionArn, turn));
  }

  private List<ObservedBuild> buildPages(AwsTarget target, String versionArn, Turn turn) {
    try {
      return calls.call(
          target,
          "ListWorkflowBuildVersions",
          turn,
          (c, as) ->
              c
                  .listWorkflowBuildVersionsPaginator(
                      b ->
                          b.overrideConfiguration(as)
                              .workflowVersionArn(versionArn)
                              .maxResults(PAGE))
                  .workflowSummaryList()
                  .stream()
                  .map(s -> toBuild(target, s))
                  .sorted(Comparator.comparingInt(ObservedBuild::buildNumber).reversed())
                  .toList());
    } catch (AwsCallException e) {
      if (e.errorClass() != ErrorClass.NOT_FOUND) {
        throw e;
      }
      return List.of();
    }
  }

  /**
   * Version ARNs of exactly this name and type whose version passes {@code version}, among the
   * workflows of {@code owner}, the highest semantic version first. Only the name filter is sent
   * (it matches substrings); type and version are matched here, since the service model does not
   * list the filter names ListWorkflows accepts.
   */
  private List<String> versionArns(
      AwsTarget target,
      WorkflowType type,
      String name,
      Predicate<String> version,
      software.amazon.awssdk.services.imagebuilder.model.Ownership owner) {
    return restartingOnRefusedToken(() -> versionPages(target, type, name, version, owner));
  }

  private List<String> versionPages(
      AwsTarget target,
      WorkflowType type,
      String name,
      Predicate<String> version,
      software.amazon.awssdk.services.imagebuilder.model.Ownership owner) {
    Filter byName = Filter.builder().name("name").values(name).build();
    List<String> arns =
        calls.call(
            target,
            "ListWorkflows",
            (c, as) ->
                c
                    .listWorkflowsPaginator(
                        b ->
                            b.overrideConfiguration(as)
                                .owner(owner)
                                .filters(byName)
                                .maxResults(PAGE))
                    .workflowVersionList()
                    .stream()
                    .map(WorkflowVersion::arn)
                    .filter(
                        arn -> {
                          ArnFormat parsed = ArnFormat.parse(arn);
                          return parsed.slug().equals(ArnFormat.slug(name))
                              && parsed.type().equalsIgnoreCase(type.name())
                              && version.test(parsed.version());
                        })
                    .sorted(Comparator.comparing(ImageBuilderGateway::versionOf).reversed())
                    .toList());
    arns.forEach(arn -> learn(target, arn));
    return arns;
  }

  /** The semantic version of a version ARN, as a comparable number triple. */
  private static SemanticVersion versionOf(String arn) {
    return SemanticVersion.parse(ArnFormat.parse(arn).version());
  }

  private ObservedBuild toBuild(AwsTarget target, WorkflowSummary s) {
    learn(target, s.arn());
    ArnFormat arn = ArnFormat.parse(s.arn());
    boolean deprecated = s.state() != null && s.state().status() == WorkflowStatus.DEPRECATED;
    return new ObservedBuild(
        s.arn(),
        s.version(),
        arn.build() == null ? 0 : arn.build(),
        deprecated,
        s.hasTags() ? s.tags() : Map.of(),
        s.dateCreated());
  }

  /**
   * Remembers the partition and account of a target's account and region; never from a workflow AWS
   * publishes.
   */
  private void learn(AwsTarget target, String arn) {
    if (arn != null) {
      ArnFormat parsed = ArnFormat.parse(arn);
      if (!parsed.account().equals(AWS_ACCOUNT)) {
        seen.putIfAbsent(key(target), parsed);
      }
    }
  }

  private static String key(AwsTarget target) {
    return target.account().label() + "/" + target.region();
  }
}
