package dev.gitops.imagebuilder.aws;

import java.util.Set;
import software.amazon.awssdk.regions.Region;

/**
 * The regions a workflow may name: those in the AWS SDK's region metadata (every partition,
 * including aws-cn and aws-us-gov), plus those the operator is configured to add. A region launched
 * after this SDK release is unknown until the SDK is upgraded or the region is added to the
 * operator's extra regions; an unknown region is refused before any AWS call.
 */
public final class KnownRegions {
  private final Set<String> extra;

  public KnownRegions(Set<String> extra) {
    this.extra = Set.copyOf(extra);
  }

  public boolean contains(String region) {
    return extra.contains(region)
        || Region.regions().stream().anyMatch(r -> r.id().equals(region) && !r.isGlobalRegion());
  }
}
