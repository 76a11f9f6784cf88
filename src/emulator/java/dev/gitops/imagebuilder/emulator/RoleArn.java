package dev.gitops.imagebuilder.emulator;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * An IAM role ARN {@code arn:PARTITION:iam::ACCOUNT:role/[PATH/]NAME}: the only kind of principal
 * AssumeRole can assume here. Path segments and the name follow IAM's character rules.
 */
record RoleArn(String partition, String account, String path, String name) {

  private static final Pattern SHAPE =
      Pattern.compile(
          "arn:(aws(?:-[a-z]+)*):iam::([0-9]{12}):role/((?:[\\x21-\\x2E\\x30-\\x7E]+/)*)([\\w+=,.@-]{1,64})");
  private static final String BASE32 = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";

  static Optional<RoleArn> parse(String text) {
    Matcher m = SHAPE.matcher(text);
    return m.matches()
        ? Optional.of(new RoleArn(m.group(1), m.group(2), m.group(3), m.group(4)))
        : Optional.empty();
  }

  /** The ARN of a session of this role: the role's name without its path, then the session. */
  String assumedRoleArn(String sessionName) {
    return "arn:" + partition + ":sts::" + account + ":assumed-role/" + name + "/" + sessionName;
  }

  /** A stable role id shaped like IAM's ({@code AROA} and 17 characters), derived from the ARN. */
  String roleId() {
    byte[] digest;
    try {
      digest =
          MessageDigest.getInstance("SHA-256").digest(toString().getBytes(StandardCharsets.UTF_8));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("SHA-256 is part of every JDK", e);
    }
    StringBuilder id = new StringBuilder("AROA");
    for (int i = 0; i < 17; i++) {
      id.append(BASE32.charAt((digest[i] & 0xff) % BASE32.length()));
    }
    return id.toString();
  }

  @Override
  public String toString() {
    return "arn:" + partition + ":iam::" + account + ":role/" + path + name;
  }
}
