package dev.gitops.imagebuilder.emulator;

import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import software.amazon.awssdk.services.imagebuilder.ImagebuilderClient;
import software.amazon.awssdk.services.sts.StsClient;

/**
 * One emulator per test class, reset before each test, with a retrying and a non-retrying SDK
 * client in {@code us-east-1} and an STS client, all with the static test credentials.
 */
final class EmulatorFixture implements BeforeEachCallback, AfterAllCallback {

  static final String REGION = "us-east-1";

  final ImageBuilderEmulator emu;
  final ImagebuilderClient client;
  final ImagebuilderClient noRetries;
  final StsClient sts;

  EmulatorFixture(EmulatorOptions options) {
    emu = ImageBuilderEmulator.start(options);
    client = EmulatorClients.imagebuilder(emu, REGION, true);
    noRetries = EmulatorClients.imagebuilder(emu, REGION, false);
    sts = EmulatorClients.sts(emu);
  }

  EmulatorFixture() {
    this(EmulatorOptions.defaults());
  }

  String arn(String typeNameVersion) {
    return arn(emu.account(), typeNameVersion);
  }

  /** A workflow ARN of another account, in the fixture's region. */
  String arn(String account, String typeNameVersion) {
    return "arn:aws:imagebuilder:" + REGION + ":" + account + ":workflow/" + typeNameVersion;
  }

  @Override
  public void beforeEach(ExtensionContext context) {
    emu.reset();
  }

  @Override
  public void afterAll(ExtensionContext context) {
    client.close();
    noRetries.close();
    sts.close();
    emu.close();
  }
}
