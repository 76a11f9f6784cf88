package dev.gitops.imagebuilder.aws;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Map;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.SdkClientException;

/**
 * Maps every failure of an Image Builder call to an {@link ErrorClass}, by error code first (the
 * SDK raises a plain ImagebuilderException for codes an operation does not list, such as
 * ResourceNotFoundException on GetWorkflow), then by HTTP status.
 */
public final class ErrorClassifier {
  private static final Map<String, ErrorClass> BY_CODE =
      Map.ofEntries(
          Map.entry("ServiceException", ErrorClass.UNAVAILABLE),
          Map.entry("ServiceUnavailableException", ErrorClass.UNAVAILABLE),
          Map.entry("InvalidPaginationTokenException", ErrorClass.INVALID_PAGINATION_TOKEN),
          Map.entry("CallRateLimitExceededException", ErrorClass.THROTTLED),
          Map.entry("ThrottlingException", ErrorClass.THROTTLED),
          Map.entry("Throttling", ErrorClass.THROTTLED), // STS (query protocol)
          Map.entry("ForbiddenException", ErrorClass.ACCESS_DENIED),
          Map.entry("AccessDeniedException", ErrorClass.ACCESS_DENIED),
          Map.entry("UnrecognizedClientException", ErrorClass.ACCESS_DENIED),
          Map.entry("InvalidSignatureException", ErrorClass.ACCESS_DENIED),
          Map.entry("ExpiredTokenException", ErrorClass.ACCESS_DENIED),
          Map.entry("ServiceQuotaExceededException", ErrorClass.QUOTA_EXCEEDED),
          Map.entry("ResourceNotFoundException", ErrorClass.NOT_FOUND),
          Map.entry("ResourceInUseException", ErrorClass.IN_USE),
          Map.entry("ResourceDependencyException", ErrorClass.DEPENDENCY),
          Map.entry("InvalidVersionNumberException", ErrorClass.INVALID_VERSION),
          Map.entry("IdempotentParameterMismatchException", ErrorClass.IDEMPOTENCY_MISMATCH),
          Map.entry("ClientException", ErrorClass.INVALID_SPEC),
          Map.entry("InvalidRequestException", ErrorClass.INVALID_SPEC),
          Map.entry("InvalidParameterCombinationException", ErrorClass.INVALID_SPEC),
          Map.entry("InvalidParameterException", ErrorClass.INVALID_SPEC),
          Map.entry("InvalidParameterValueException", ErrorClass.INVALID_SPEC),
          Map.entry("DryRunOperationException", ErrorClass.DRY_RUN_PASSED));

  private ErrorClassifier() {}

  public static AwsCallException classify(String operation, Throwable failure) {
    for (Throwable t = failure; t != null; t = t.getCause()) {
      if (t instanceof PaceExceeded paced) {
        return new AwsCallException(operation, ErrorClass.THROTTLED, "PaceExceeded", null, paced)
            .withRetryAfter(paced.retryAfter(), false);
      }
    }
    if (failure instanceof AwsServiceException e) {
      String code = e.awsErrorDetails() == null ? null : e.awsErrorDetails().errorCode();
      ErrorClass byCode = code == null ? null : BY_CODE.get(code);
      ErrorClass errorClass = byCode != null ? byCode : byStatus(e.statusCode());
      return new AwsCallException(
          operation, errorClass, code == null ? "HTTP " + e.statusCode() : code, e.requestId(), e);
    }
    if (failure instanceof SdkClientException e && mentionsCredentials(e)) {
      return new AwsCallException(operation, ErrorClass.ACCESS_DENIED, "NoCredentials", null, e);
    }
    if (failure instanceof SdkClientException
        || failure instanceof UncheckedIOException
        || failure instanceof IOException) {
      return new AwsCallException(
          operation, ErrorClass.UNAVAILABLE, failure.getClass().getSimpleName(), null, failure);
    }
    // Anything else is a bug in the operator: let it surface as it is.
    throw failure instanceof RuntimeException r ? r : new IllegalStateException(failure);
  }

  /**
   * A failure to get a mapped role's credentials, before the Image Builder call {@code operation}:
   * STS refusing (403 AccessDenied, 400 for a malformed role or external ID) is {@link
   * ErrorClass#ASSUME_ROLE_FAILED}; STS throttling or unavailable classify as for any call. The
   * failure's operation names the role ({@code AssumeRole arn:...}), so every report says which.
   */
  public static AwsCallException classifyAssumeRole(
      String operation, AccountRef account, Throwable failure) {
    String assumeRole = "AssumeRole " + account.roleArn();
    for (Throwable t = failure; t != null; t = t.getCause()) {
      if (t instanceof AwsServiceException e) {
        String code = e.awsErrorDetails() == null ? null : e.awsErrorDetails().errorCode();
        ErrorClass byCode = code == null ? null : BY_CODE.get(code);
        ErrorClass errorClass = byCode != null ? byCode : byStatus(e.statusCode());
        if (errorClass != ErrorClass.THROTTLED && errorClass != ErrorClass.UNAVAILABLE) {
          errorClass = ErrorClass.ASSUME_ROLE_FAILED;
        }
        return new AwsCallException(
            assumeRole,
            errorClass,
            code == null ? "HTTP " + e.statusCode() : code,
            e.requestId(),
            e);
      }
    }
    AwsCallException other = classify(operation, failure);
    return new AwsCallException(
        assumeRole, other.errorClass(), other.errorCode(), null, other.getCause());
  }

  static ErrorClass byStatus(int status) {
    if (status == 429) {
      return ErrorClass.THROTTLED;
    }
    if (status == 401 || status == 403) {
      return ErrorClass.ACCESS_DENIED;
    }
    if (status == 402) {
      return ErrorClass.QUOTA_EXCEEDED;
    }
    if (status == 404) {
      return ErrorClass.NOT_FOUND;
    }
    return status >= 500 || status == 0 ? ErrorClass.UNAVAILABLE : ErrorClass.INVALID_SPEC;
  }

  private static boolean mentionsCredentials(SdkClientException e) {
    String message = e.getMessage();
    return message != null && message.contains("credentials");
  }
}
