package dev.gitops.imagebuilder.api;

/** What happens to the workflow build versions in AWS when the resource is deleted. */
public enum DeletionPolicy {
  Delete,
  Retain
}
