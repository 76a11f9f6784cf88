package dev.gitops.imagebuilder.emulator;

import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.imagebuilder.ImagebuilderClient;

/** Real SDK clients pointed at an emulator, with static test credentials. */
public final class EmulatorClients {

    public static final String ACCESS_KEY_ID = "AKIAEMULATOR0000TEST";
    public static final String SECRET_ACCESS_KEY = "emulator-test-secret";

    private EmulatorClients() {
    }

    /** @param sdkRetries false turns the SDK's own retries off, so 5xx and 429 reach the caller on the first try */
    public static ImagebuilderClient imagebuilder(ImageBuilderEmulator emu, String region, boolean sdkRetries) {
        return ImagebuilderClient.builder()
                .endpointOverride(emu.endpoint())
                .region(Region.of(region))
                .credentialsProvider(StaticCredentialsProvider.create(
                        AwsBasicCredentials.create(ACCESS_KEY_ID, SECRET_ACCESS_KEY)))
                .httpClient(UrlConnectionHttpClient.create())
                .overrideConfiguration(c -> {
                    if (!sdkRetries) {
                        c.retryStrategy(AwsRetryStrategy.doNotRetry());
                    }
                })
                .build();
    }
}
