package dev.gitops.imagebuilder.aws;

/**
 * What a failed Image Builder call means for the operator (see ErrorClassifier for the mapping).
 */
public enum ErrorClass {
  /** 5xx and connection errors: retry with backoff. */
  UNAVAILABLE,
  /** An expired or invalid nextToken: restart the listing from its first page. */
  INVALID_PAGINATION_TOKEN,
  /** 429: slow down and retry. */
  THROTTLED,
  /** Missing IAM permission or credentials: report, retry slowly. */
  ACCESS_DENIED,
  /**
   * STS refused the mapped role (missing role, trust policy, external ID): report, retry slowly; no
   * Image Builder call is made.
   */
  ASSUME_ROLE_FAILED,
  /** A service quota is reached: report, retry slowly. */
  QUOTA_EXCEEDED,
  /** The resource is not there (meaning depends on the call). */
  NOT_FOUND,
  /** The name, version or identical content is taken: look, then adopt or report. */
  IN_USE,
  /** Something still uses the build (DeleteWorkflow). */
  DEPENDENCY,
  /** The semantic version is refused: terminal until the spec changes. */
  INVALID_VERSION,
  /** The request is refused: terminal until the spec changes. */
  INVALID_SPEC,
  /** The same clientToken came with other parameters: terminal until the spec changes. */
  IDEMPOTENCY_MISMATCH,
  /**
   * A dry run would have succeeded (DryRunOperationException): a verdict for the gateway's dry run,
   * counted as such in the call metrics; anywhere else it is treated as a refused request.
   */
  DRY_RUN_PASSED
}
