package dev.gitops.imagebuilder.emulator;

import java.util.Set;

/**
 * Start-up settings of the emulator.
 *
 * @param port TCP port on 127.0.0.1; 0 picks a free one
 * @param region region used where a request carries none (control API); requests use their SigV4
 *     scope
 * @param account the account of long-term credentials (the test key and any unknown key), in the
 *     ARNs and {@code owner} of their calls; credentials of an assumed role act in the role's
 *     account
 * @param maxBuildVersions quota of workflow build versions per account and region
 *     (ServiceQuotaExceededException)
 * @param forbiddenOperations operations answered with ForbiddenException (a stand-in for a missing
 *     IAM permission)
 */
public record EmulatorOptions(
    int port,
    String region,
    String account,
    int maxBuildVersions,
    Set<Operation> forbiddenOperations) {

  public EmulatorOptions {
    forbiddenOperations = Set.copyOf(forbiddenOperations);
  }

  public static EmulatorOptions defaults() {
    return new EmulatorOptions(0, "us-east-1", "123456789012", 10_000, Set.of());
  }

  public EmulatorOptions withPort(int newPort) {
    return new EmulatorOptions(newPort, region, account, maxBuildVersions, forbiddenOperations);
  }

  public EmulatorOptions withRegion(String newRegion) {
    return new EmulatorOptions(port, newRegion, account, maxBuildVersions, forbiddenOperations);
  }

  public EmulatorOptions withAccount(String newAccount) {
    return new EmulatorOptions(port, region, newAccount, maxBuildVersions, forbiddenOperations);
  }

  public EmulatorOptions withMaxBuildVersions(int max) {
    return new EmulatorOptions(port, region, account, max, forbiddenOperations);
  }

  public EmulatorOptions withForbiddenOperations(Set<Operation> denied) {
    return new EmulatorOptions(port, region, account, maxBuildVersions, denied);
  }
}
