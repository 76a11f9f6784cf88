package dev.gitops.imagebuilder.emulator;

import java.net.URI;
import java.time.Duration;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.imagebuilder.ImagebuilderClient;
import software.amazon.awssdk.services.imagebuilder.ImagebuilderClientBuilder;
import software.amazon.awssdk.services.sts.StsClient;
import software.amazon.awssdk.services.sts.auth.StsAssumeRoleCredentialsProvider;

/**
 * Real SDK clients pointed at an emulator, with static test credentials or, through the emulator's
 * STS, the credentials of an assumed role.
 */
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

  /** The same, signed with other credentials (for instance those of an assumed role). */
  public static ImagebuilderClient imagebuilder(
      ImageBuilderEmulator emu,
      String region,
      boolean sdkRetries,
      AwsCredentialsProvider credentials) {
    return builder(emu.endpoint(), region)
        .credentialsProvider(credentials)
        .overrideConfiguration(
            c -> {
              if (!sdkRetries) {
                c.retryStrategy(AwsRetryStrategy.doNotRetry());
              }
            })
        .build();
  }

  /** An STS client for the emulator (same port as Image Builder), with the static credentials. */
  public static StsClient sts(ImageBuilderEmulator emu) {
    return StsClient.builder()
        .endpointOverride(emu.endpoint())
        .region(Region.US_EAST_1)
        .credentialsProvider(staticCredentials())
        .httpClient(UrlConnectionHttpClient.create())
        .build();
  }

  /**
   * Credentials of {@code roleArn}, assumed through {@code sts} and refreshed by the SDK {@code
   * refreshBefore} their expiry (the SDK's defaults are one and five minutes).
   */
  public static StsAssumeRoleCredentialsProvider assumingRole(
      StsClient sts, String roleArn, Duration refreshBefore) {
    return StsAssumeRoleCredentialsProvider.builder()
        .stsClient(sts)
        .refreshRequest(r -> r.roleArn(roleArn).roleSessionName("emulator-test"))
        .staleTime(refreshBefore.dividedBy(2))
        .prefetchTime(refreshBefore)
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
        .credentialsProvider(staticCredentials())
        .httpClient(UrlConnectionHttpClient.create());
  }

  private static StaticCredentialsProvider staticCredentials() {
    return StaticCredentialsProvider.create(
        AwsBasicCredentials.create(
            EmulatorCredentials.ACCESS_KEY_ID, EmulatorCredentials.SECRET_ACCESS_KEY));
  }
}
