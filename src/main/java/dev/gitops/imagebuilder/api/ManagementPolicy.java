package dev.gitops.imagebuilder.api;

/**
 * What the operator may do in AWS for a resource. The same planner runs under every policy; the
 * policy only decides which of its actions are carried out.
 */
public enum ManagementPolicy {
  /** Create, tag, adopt and delete builds (the default when the field is absent). */
  Manage,
  /** Plan as Manage would, have CreateWorkflow judge a create with dryRun, write nothing. */
  Plan,
  /** Read the named workflow (any owner, wildcard versions) and report it; write nothing. */
  Observe;

  /** Whether the operator may change anything in AWS under this policy. */
  public boolean writes() {
    return this == Manage;
  }
}
