package dev.gitops.imagebuilder.reconcile;

import dev.gitops.imagebuilder.aws.ArnFormat;
import dev.gitops.imagebuilder.aws.ImageBuilderGateway;
import dev.gitops.imagebuilder.aws.ObservedBuild;
import dev.gitops.imagebuilder.aws.VersionWildcard;
import dev.gitops.imagebuilder.status.Outcome;
import dev.gitops.imagebuilder.status.Reason;
import java.util.Optional;

/**
 * Under managementPolicy Observe: finds the workflow the spec names (any owner, AWS included;
 * wildcard versions resolved as the service resolves them) and reports it, comparing its content
 * with the spec's when the spec has some. Only reads.
 */
final class Observer {
  static final String IN_SYNC = "InSync";
  static final String DIFFERS = "Differs";
  static final String UNKNOWN = "Unknown";

  private final ImageBuilderGateway gateway;

  Observer(ImageBuilderGateway gateway) {
    this.gateway = gateway;
  }

  Outcome observe(DesiredWorkflow desired) {
    Optional<ObservedBuild> found =
        gateway.find(
            desired.target(),
            desired.type(),
            desired.workflowName(),
            new VersionWildcard(desired.semanticVersion()));
    String awsContentHash =
        found.isPresent() && desired.data() != null
            ? gateway.contentHashOf(desired.target(), found.get().arn())
            : null;
    return report(desired, found, awsContentHash);
  }

  /**
   * The status an observation gives: Ready (Observed) with the build, or Stalled (NotFound). {@code
   * awsContentHash} is the found build's content hash, read when the spec has a document. Pure.
   */
  static Outcome report(
      DesiredWorkflow desired, Optional<ObservedBuild> found, String awsContentHash) {
    if (found.isEmpty()) {
      return Outcome.stalled(
              Reason.NotFound,
              "no "
                  + desired.type()
                  + " workflow "
                  + desired.workflowName()
                  + " matching version "
                  + desired.semanticVersion()
                  + " in "
                  + desired.region()
                  + ", neither the account's nor AWS's; looking again at the next drift check")
          .withObserved(Outcome.ObservedReport.NOTHING);
    }
    ObservedBuild b = found.get();
    String content = content(desired, awsContentHash);
    String owner = ArnFormat.parse(b.arn()).account();
    String message =
        "observed "
            + b.arn()
            + (b.deprecated() ? " (DEPRECATED)" : "")
            + ", owned by "
            + owner
            + (content == null ? "" : ", content " + content);
    return Outcome.ready(Reason.Observed, message, Outcome.RecordedBuild.of(b))
        .withObserved(
            new Outcome.ObservedReport(
                true,
                owner,
                b.tags(),
                content,
                desired.hasContent() ? desired.contentHash() : null));
  }

  private static String content(DesiredWorkflow desired, String awsContentHash) {
    if (!desired.hasContent()) {
      return null;
    }
    if (desired.data() == null) {
      return UNKNOWN; // a URI: the operator does not read S3, and the service keeps no URI
    }
    return desired.contentHash().equals(awsContentHash) ? IN_SYNC : DIFFERS;
  }
}
