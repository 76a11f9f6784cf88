package dev.gitops.imagebuilder.emulator;

import static org.assertj.core.api.Assertions.assertThat;

import software.amazon.awssdk.awscore.exception.AwsServiceException;

/** Assertions on the exceptions the SDK raises for emulator answers. */
final class Errors {

  private Errors() {}

  /** The SDK exception carries this error code and HTTP status. */
  static void assertError(Throwable thrown, String code, int status) {
    assertThat(thrown).isInstanceOf(AwsServiceException.class);
    AwsServiceException e = (AwsServiceException) thrown;
    assertThat(e.awsErrorDetails().errorCode()).isEqualTo(code);
    assertThat(e.statusCode()).isEqualTo(status);
    assertThat(e.requestId()).isNotBlank();
    assertThat(e.awsErrorDetails().errorMessage()).isNotBlank();
  }
}
