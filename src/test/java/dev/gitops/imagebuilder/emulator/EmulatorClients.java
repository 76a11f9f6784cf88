package dev.gitops.imagebuilder.emulator;

import java.net.URI;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.imagebuilder.ImagebuilderClient;
import software.amazon.awssdk.services.imagebuilder.ImagebuilderClientBuilder;
import software.amazon.awssdk.services.sts.StsClient;

/** Real SDK clients pointed at an emulator, with static test credentials. */
public final class EmulatorClients {

  private EmulatorClients() {}

  /**
   * @param sdkRetries false turns the SDK's own retries off, so 5xx and 429 reach the caller on the
   *     first try
   */
  public static ImagebuilderClient imagebuilder(
      ImageBuilderEmulator emu, String region, boolean sdkRetries) {
    return imagebuilder(emu.endpoint(), region, sdkRetries);
  }

  /** The same, for an emulator running in another process. */
  public static ImagebuilderClient imagebuilder(URI endpoint, String region, boolean sdkRetries) {
    return builder(endpoint, region)
        .overrideConfiguration(
            c -> {
              if (!sdkRetries) {
                c.retryStrategy(AwsRetryStrategy.doNotRetry());
              }
            })
        .build();
  }

  /** A client builder for the emulator: endpoint, region, credentials, nothing else. */
  public static ImagebuilderClientBuilder builder(ImageBuilderEmulator emu, String region) {
    return builder(emu.endpoint(), region);
  }

  public static ImagebuilderClientBuilder builder(URI endpoint, String region) {
    return ImagebuilderClient.builder()
        .endpointOverride(endpoint)
        .region(Region.of(region))
        .credentialsProvider(
            StaticCredentialsProvider.create(
                AwsBasicCredentials.create(
                    EmulatorCredentials.ACCESS_KEY_ID, EmulatorCredentials.SECRET_ACCESS_KEY)))
        .httpClient(UrlConnectionHttpClient.create());
  }

  /** An STS client for the emulator's AssumeRole, with the static test credentials. */
  public static StsClient sts(ImageBuilderEmulator emu) {
    return StsClient.builder()
        .endpointOverride(emu.endpoint())
        .region(Region.of(emu.region()))
        .credentialsProvider(
            StaticCredentialsProvider.create(
                AwsBasicCredentials.create(
                    EmulatorCredentials.ACCESS_KEY_ID, EmulatorCredentials.SECRET_ACCESS_KEY)))
        .httpClient(UrlConnectionHttpClient.create())
        .build();
  }
}
