package dev.gitops.imagebuilder.emulator;

/**
 * The static credentials the emulator accepts: SigV4 signatures made with any other key are
 * refused, as AWS refuses them.
 */
public final class EmulatorCredentials {

  public static final String ACCESS_KEY_ID = "AKIAEMULATOR0000TEST";
  public static final String SECRET_ACCESS_KEY = "emulator-test-secret";

  private EmulatorCredentials() {}
}
