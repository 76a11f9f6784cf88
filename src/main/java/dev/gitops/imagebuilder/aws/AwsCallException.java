package dev.gitops.imagebuilder.aws;

import java.time.Duration;
import java.util.Optional;

/** A failed Image Builder call, classified; the only exception the gateway lets out. */
public final class AwsCallException extends RuntimeException {
  private final String operation;
  private final ErrorClass errorClass;
  private final String errorCode;
  private final String requestId;
  private final Duration retryAfter;
  private final boolean persistent;

  public AwsCallException(
      String operation,
      ErrorClass errorClass,
      String errorCode,
      String requestId,
      Throwable cause) {
    this(operation, errorClass, errorCode, requestId, cause, null, false);
  }

  private AwsCallException(
      String operation,
      ErrorClass errorClass,
      String errorCode,
      String requestId,
      Throwable cause,
      Duration retryAfter,
      boolean persistent) {
    super(operation + " failed: " + errorCode + ": " + cause.getMessage(), cause);
    this.operation = operation;
    this.errorClass = errorClass;
    this.errorCode = errorCode;
    this.requestId = requestId;
    this.retryAfter = retryAfter;
    this.persistent = persistent;
  }

  /**
   * The same failure with the pace's answer: come back after {@code retryAfter}; {@code persistent}
   * when the service throttles even at the slowest pace.
   */
  public AwsCallException withRetryAfter(Duration retryAfter, boolean persistent) {
    return new AwsCallException(
        operation, errorClass, errorCode, requestId, getCause(), retryAfter, persistent);
  }

  /** For throttling: when the region's pace has a slot for this call again. */
  public Optional<Duration> retryAfter() {
    return Optional.ofNullable(retryAfter);
  }

  /** For throttling: whether it goes on even at the slowest pace (worth telling the user). */
  public boolean persistent() {
    return persistent;
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
