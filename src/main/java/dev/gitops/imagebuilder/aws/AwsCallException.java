package dev.gitops.imagebuilder.aws;

/** A failed Image Builder call, classified; the only exception the gateway lets out. */
public final class AwsCallException extends RuntimeException {
  private final String operation;
  private final ErrorClass errorClass;
  private final String errorCode;
  private final String requestId;

  public AwsCallException(
      String operation,
      ErrorClass errorClass,
      String errorCode,
      String requestId,
      Throwable cause) {
    super(operation + " failed: " + errorCode + ": " + cause.getMessage(), cause);
    this.operation = operation;
    this.errorClass = errorClass;
    this.errorCode = errorCode;
    this.requestId = requestId;
  }

  public String operation() {
    return operation;
  }

  public ErrorClass errorClass() {
    return errorClass;
  }

  public String errorCode() {
    return errorCode;
  }

  /** The AWS request id, or null when the call never reached the service. */
  public String requestId() {
    return requestId;
  }
}
