package dev.gitops.imagebuilder.emulator;

/**
 * An error answer: becomes the HTTP status, {@code x-amzn-ErrorType} and {@code message} of the
 * response.
 */
final class ApiException extends RuntimeException {
  final ErrorType type;

  ApiException(ErrorType type, String message) {
    super(message, null, false, false);
    this.type = type;
  }
}
