package dev.gitops.imagebuilder.api;

/** The Image Builder workflow type, as CreateWorkflow names it. */
public enum WorkflowType {
  BUILD,
  TEST,
  DISTRIBUTION
}
