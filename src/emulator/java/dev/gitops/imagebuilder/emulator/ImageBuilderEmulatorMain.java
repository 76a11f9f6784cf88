package dev.gitops.imagebuilder.emulator;

import java.util.concurrent.CountDownLatch;

/**
 * {@code scripts/imagebuilder-emulator [--port P] [--region R] [--account A]}: the emulator in the
 * foreground.
 */
public final class ImageBuilderEmulatorMain {

  private ImageBuilderEmulatorMain() {}

  public static void main(String[] args) throws InterruptedException {
    EmulatorOptions options = EmulatorOptions.defaults().withPort(8787);
    for (int i = 0; i < args.length; i++) {
      String flag = args[i];
      if (i + 1 >= args.length) {
        usage("missing value for " + flag);
      }
      String value = args[++i];
      switch (flag) {
        case "--port" -> options = options.withPort(Integer.parseInt(value));
        case "--region" -> options = options.withRegion(value);
        case "--account" -> options = options.withAccount(value);
        default -> usage("unknown option " + flag);
      }
    }
    if (!options.account().matches("[0-9]{12}")) {
      usage("--account must be 12 digits");
    }
    ImageBuilderEmulator emu = ImageBuilderEmulator.start(options);
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () -> {
                  emu.close();
                  stopped.countDown();
                }));
    System.err.printf(
        "account %s; ARNs carry the region of each request's SigV4 scope (default client region %s);"
            + " test credentials %s / %s; STS AssumeRole on the same port for roles trusted through"
            + " the control API under %s%n",
        options.account(),
        options.region(),
        EmulatorCredentials.ACCESS_KEY_ID,
        EmulatorCredentials.SECRET_ACCESS_KEY,
        ImageBuilderEmulator.CONTROL_PREFIX);
    System.out.println("imagebuilder emulator listening on " + emu.endpoint());
    System.out.flush();
    stopped.await();
  }

  private static void usage(String problem) {
    System.err.println("imagebuilder-emulator: " + problem);
    System.err.println("usage: imagebuilder-emulator [--port P] [--region R] [--account A]");
    System.exit(2);
  }
}
