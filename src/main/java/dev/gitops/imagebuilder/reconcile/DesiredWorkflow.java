package dev.gitops.imagebuilder.reconcile;

import dev.gitops.imagebuilder.api.DeletionPolicy;
import dev.gitops.imagebuilder.api.ManagementPolicy;
import dev.gitops.imagebuilder.api.WorkflowType;
import dev.gitops.imagebuilder.aws.AccountRef;
import dev.gitops.imagebuilder.aws.AwsTarget;
import dev.gitops.imagebuilder.aws.ContentHash;
import dev.gitops.imagebuilder.aws.CreateRequest;
import dev.gitops.imagebuilder.aws.Ownership;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;

/**
 * A validated spec with its data resolved (ConfigMap read) and defaults applied: exactly what
 * CreateWorkflow would be asked for, plus the identity of the resource that wants it.
 *
 * @param semanticVersion exact, except under {@link ManagementPolicy#Observe}, where it may end in
 *     wildcards ({@code 1.x.x})
 * @param data the workflow document (inline or from the ConfigMap); null when {@code uri} is set or
 *     when an observed resource carries no content
 * @param tags the user's tags only; {@link #buildTags()} adds the ownership tags
 * @param adopt whether the resource opted in to adopting builds nobody owns
 * @param policy what the operator may do in AWS for this resource
 * @param account whose credentials the operator uses for this resource (its namespace's mapping)
 */
public record DesiredWorkflow(
    String namespace,
    String resourceName,
    String uid,
    long generation,
    String workflowName,
    WorkflowType type,
    String semanticVersion,
    String description,
    String changeDescription,
    String data,
    String uri,
    String kmsKeyId,
    Map<String, String> tags,
    String region,
    DeletionPolicy deletionPolicy,
    boolean adopt,
    ManagementPolicy policy,
    AccountRef account) {

  public DesiredWorkflow {
    tags = Map.copyOf(tags);
  }

  /** Where this resource's calls go: its account and region. */
  public AwsTarget target() {
    return new AwsTarget(account, region);
  }

  /** The same workflow, in the account its namespace maps to. */
  public DesiredWorkflow in(AccountRef mapped) {
    return new DesiredWorkflow(
        namespace,
        resourceName,
        uid,
        generation,
        workflowName,
        type,
        semanticVersion,
        description,
        changeDescription,
        data,
        uri,
        kmsKeyId,
        tags,
        region,
        deletionPolicy,
        adopt,
        policy,
        mapped);
  }

  public Ownership owner() {
    return new Ownership(namespace, resourceName);
  }

  /** Whether the spec names a document (always, except for an observed resource without one). */
  public boolean hasContent() {
    return data != null || uri != null;
  }

  public String contentHash() {
    return ContentHash.of(data != null ? data : uri, description, changeDescription, kmsKeyId);
  }

  /** The tags a build of this resource should carry: the user's plus ownership and content hash. */
  public Map<String, String> buildTags() {
    Map<String, String> all = new TreeMap<>(tags);
    all.putAll(ownershipTags());
    all.put(Ownership.CONTENT_HASH_TAG, contentHash());
    return all;
  }

  public Map<String, String> ownershipTags() {
    return Map.of(
        Ownership.NAMESPACE_TAG,
        namespace,
        Ownership.NAME_TAG,
        resourceName,
        Ownership.UID_TAG,
        uid);
  }

  /** The CreateWorkflow call that makes this workflow, following the build {@code supersedes}. */
  public CreateRequest createRequest(String supersedes) {
    return new CreateRequest(
        target(),
        workflowName,
        type,
        semanticVersion,
        description,
        changeDescription,
        data,
        uri,
        kmsKeyId,
        buildTags(),
        clientToken(supersedes));
  }

  /**
   * The idempotency token of a create: the same inputs always give the same token, so a retry after
   * a lost answer replays the first create instead of making a second build. {@code supersedes} is
   * the build this create follows (the highest build of the version seen in AWS or recorded in
   * status), so that a later create of the same content, after other builds or deletions, is not
   * answered from the old token with the ARN of a build that may be gone. A name-based UUID (36
   * characters) of those inputs, since older CreateWorkflow models limit the token to 36.
   */
  public String clientToken(String supersedes) {
    String name = ContentHash.sha256Hex(uid, semanticVersion, contentHash(), supersedes);
    return UUID.nameUUIDFromBytes(name.getBytes(StandardCharsets.UTF_8)).toString();
  }

  /** What a retry decision depends on: a change here ends any backoff or terminal stall. */
  public String fingerprint() {
    return generation + "/" + contentHash() + "/" + adopt + "/" + policy;
  }

  @Override
  public String toString() {
    // Never the workflow body: this appears in logs.
    return namespace
        + "/"
        + resourceName
        + " ("
        + type
        + " "
        + workflowName
        + " "
        + semanticVersion
        + ")";
  }
}
