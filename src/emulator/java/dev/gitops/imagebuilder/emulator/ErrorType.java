package dev.gitops.imagebuilder.emulator;

/**
 * The errors the emulator answers with: the model's exception shapes plus the SigV4 front-door
 * errors.
 */
enum ErrorType {
  ServiceException(500),
  ServiceUnavailableException(503),
  CallRateLimitExceededException(429),
  ClientException(400),
  InvalidRequestException(400),
  InvalidParameterCombinationException(400),
  InvalidVersionNumberException(400),
  IdempotentParameterMismatchException(400),
  ResourceInUseException(400),
  ResourceDependencyException(400),
  InvalidPaginationTokenException(400),
  InvalidParameterException(400),
  ForbiddenException(403),
  ServiceQuotaExceededException(402),
  DryRunOperationException(412),
  ResourceNotFoundException(404),
  // Front-door errors of every SigV4 service; not in the Image Builder model.
  MissingAuthenticationTokenException(403),
  IncompleteSignatureException(403),
  InvalidSignatureException(403),
  UnrecognizedClientException(403),
  ExpiredTokenException(403),
  UnknownOperationException(404),
  SerializationException(400);

  final int status;

  ErrorType(int status) {
    this.status = status;
  }
}
