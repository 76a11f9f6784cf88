package dev.gitops.imagebuilder.status;

/**
 * Condition and event reasons. They are part of the API: stable, CamelCase, documented in the
 * README.
 */
public enum Reason {
  Created,
  NewBuild,
  UpToDate,
  Adopted,
  Recreated,
  RolledBack,
  Deprecated,
  AlreadyExists,
  OwnedByOther,
  ConfigMapNotFound,
  InvalidSpec,
  InvalidVersion,
  IdempotencyConflict,
  AwsUnavailable,
  Throttled,
  AccessDenied,
  QuotaExceeded,
  DeleteBlocked,
  InUse,
  BuildNotFound,
  ConfigMapNotLabelled,
  Pruned,
  PlanReady,
  PlanFailed,
  Observed,
  NotFound,
  AssumeRoleFailed,
  AccountChanged,
  AccountMappingConflict,
  AccountNotMapped,
  Mapped
}
