package dev.gitops.imagebuilder.emulator;

/**
 * An STS error answer: the HTTP status and the query protocol's {@code Code} and {@code Message}.
 */
final class StsError extends RuntimeException {
  final int status;
  final String code;

  StsError(int status, String code, String message) {
    super(message, null, false, false);
    this.status = status;
    this.code = code;
  }

  static StsError validation(String message) {
    return new StsError(400, "ValidationError", message);
  }

  /** The front door's SigV4 errors under the names query-protocol services give them. */
  static StsError of(ApiException e) {
    String code =
        switch (e.type) {
          case MissingAuthenticationTokenException -> "MissingAuthenticationToken";
          case IncompleteSignatureException -> "IncompleteSignature";
          case InvalidSignatureException -> "SignatureDoesNotMatch";
          case UnrecognizedClientException -> "InvalidClientTokenId";
          case ExpiredTokenException -> "ExpiredToken";
          default -> "InternalFailure";
        };
    int status = code.equals("IncompleteSignature") ? 400 : e.type.status;
    return new StsError(status, code, e.getMessage());
  }
}
