package dev.gitops.imagebuilder.aws;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.UncheckedIOException;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import software.amazon.awssdk.awscore.exception.AwsErrorDetails;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.services.imagebuilder.model.ImagebuilderException;
import software.amazon.awssdk.services.imagebuilder.model.ResourceInUseException;

/** Every exception of the Image Builder API notes, by error code, plus client-side failures. */
class ErrorClassifierTest {

  static Stream<Arguments> serviceErrors() {
    return Stream.of(
        Arguments.of("ServiceException", 500, ErrorClass.UNAVAILABLE),
        Arguments.of("ServiceUnavailableException", 503, ErrorClass.UNAVAILABLE),
        Arguments.of("CallRateLimitExceededException", 429, ErrorClass.THROTTLED),
        Arguments.of("ClientException", 400, ErrorClass.INVALID_SPEC),
        Arguments.of("InvalidRequestException", 400, ErrorClass.INVALID_SPEC),
        Arguments.of("InvalidParameterCombinationException", 400, ErrorClass.INVALID_SPEC),
        Arguments.of("InvalidVersionNumberException", 400, ErrorClass.INVALID_VERSION),
        Arguments.of("IdempotentParameterMismatchException", 400, ErrorClass.IDEMPOTENCY_MISMATCH),
        Arguments.of("ResourceInUseException", 400, ErrorClass.IN_USE),
        Arguments.of("ResourceDependencyException", 400, ErrorClass.DEPENDENCY),
        Arguments.of("ForbiddenException", 403, ErrorClass.ACCESS_DENIED),
        Arguments.of("ServiceQuotaExceededException", 402, ErrorClass.QUOTA_EXCEEDED),
        Arguments.of("DryRunOperationException", 412, ErrorClass.DRY_RUN_PASSED),
        Arguments.of("ResourceNotFoundException", 404, ErrorClass.NOT_FOUND),
        Arguments.of("InvalidPaginationTokenException", 400, ErrorClass.INVALID_PAGINATION_TOKEN),
        Arguments.of("InvalidParameterException", 400, ErrorClass.INVALID_SPEC),
        // Codes the table does not know fall back to the HTTP status.
        Arguments.of("SomethingNew", 502, ErrorClass.UNAVAILABLE),
        Arguments.of("SomethingNew", 429, ErrorClass.THROTTLED),
        Arguments.of("SomethingNew", 403, ErrorClass.ACCESS_DENIED),
        Arguments.of("SomethingNew", 400, ErrorClass.INVALID_SPEC));
  }

  @ParameterizedTest(name = "{0} ({1}) -> {2}")
  @MethodSource("serviceErrors")
  void classifiesByErrorCodeEvenOnThePlainServiceException(
      String code, int status, ErrorClass expected) {
    // The SDK raises a plain ImagebuilderException for codes an operation does not list.
    ImagebuilderException e =
        (ImagebuilderException)
            ImagebuilderException.builder()
                .awsErrorDetails(
                    AwsErrorDetails.builder().errorCode(code).errorMessage("text").build())
                .statusCode(status)
                .requestId("req-1")
                .message("text")
                .build();
    AwsCallException classified = ErrorClassifier.classify("GetWorkflow", e);
    assertThat(classified.errorClass()).isEqualTo(expected);
    assertThat(classified.errorCode()).isEqualTo(code);
    assertThat(classified.requestId()).isEqualTo("req-1");
    assertThat(classified.operation()).isEqualTo("GetWorkflow");
  }

  @Test
  void modelledSubclassesAreClassifiedToo() {
    ResourceInUseException e =
        (ResourceInUseException)
            ResourceInUseException.builder()
                .awsErrorDetails(
                    AwsErrorDetails.builder().errorCode("ResourceInUseException").build())
                .statusCode(400)
                .build();
    assertThat(ErrorClassifier.classify("CreateWorkflow", e).errorClass())
        .isEqualTo(ErrorClass.IN_USE);
  }

  @Test
  void clientSideFailures() {
    assertThat(
            ErrorClassifier.classify(
                    "ListWorkflows",
                    SdkClientException.create("Unable to execute HTTP request: Connection refused"))
                .errorClass())
        .isEqualTo(ErrorClass.UNAVAILABLE);
    assertThat(
            ErrorClassifier.classify(
                    "ListWorkflows", new UncheckedIOException(new java.io.IOException("reset")))
                .errorClass())
        .isEqualTo(ErrorClass.UNAVAILABLE);
    assertThat(
            ErrorClassifier.classify(
                    "ListWorkflows",
                    SdkClientException.create(
                        "Unable to load credentials from any of the providers"))
                .errorClass())
        .isEqualTo(ErrorClass.ACCESS_DENIED);
  }

  @Test
  void bugsAreNotDisguisedAsAwsErrors() {
    assertThatThrownBy(
            () -> ErrorClassifier.classify("CreateWorkflow", new NullPointerException("bug")))
        .isInstanceOf(NullPointerException.class);
  }
}
