package dev.gitops.imagebuilder.emulator;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * AssumeRole's input, checked against the STS model (2011-06-15): RoleArn 20..2048 characters,
 * RoleSessionName 2..64 of {@code [\w+=,.@-]}, ExternalId 2..1224 of {@code [\w+=,.@:/-]},
 * DurationSeconds 900..43200. Every breach is listed in one ValidationError, worded as AWS words
 * them; a RoleArn within the model that is not an IAM role ARN is a ValidationError too. Members
 * the emulator does not act on (Policy, Tags…) are ignored.
 */
record AssumeRoleRequest(
    RoleArn role, String sessionName, String externalId, Integer durationSeconds) {

  private static final Pattern ARN_CHARS =
      Pattern.compile(
          "[\\u0009\\u000A\\u000D\\u0020-\\u007E\\u0085\\u00A0-\\uD7FF\\uE000-\\uFFFD\\x{10000}-\\x{10FFFF}]+");
  private static final Pattern SESSION_NAME = Pattern.compile("[\\w+=,.@-]*");
  private static final Pattern EXTERNAL_ID = Pattern.compile("[\\w+=,.@:/-]*");

  static AssumeRoleRequest from(Map<String, String> form) {
    List<String> errors = new ArrayList<>();
    String roleArn = form.get("RoleArn");
    String sessionName = form.get("RoleSessionName");
    String externalId = form.get("ExternalId");
    check(errors, "roleArn", roleArn, true, 20, 2048, ARN_CHARS);
    check(errors, "roleSessionName", sessionName, true, 2, 64, SESSION_NAME);
    check(errors, "externalId", externalId, false, 2, 1224, EXTERNAL_ID);
    Integer duration = duration(errors, form.get("DurationSeconds"));
    if (!errors.isEmpty()) {
      throw StsError.validation(
          errors.size()
              + (errors.size() == 1 ? " validation error" : " validation errors")
              + " detected: "
              + String.join("; ", errors));
    }
    RoleArn role =
        RoleArn.parse(roleArn)
            .orElseThrow(
                () ->
                    StsError.validation(
                        "The role ARN " + roleArn + " is not a valid IAM role ARN."));
    return new AssumeRoleRequest(role, sessionName, externalId, duration);
  }

  /** The model's constraints on an external ID (also applied to the trust list's entries). */
  static void checkExternalId(String externalId) {
    List<String> errors = new ArrayList<>();
    check(errors, "externalId", externalId, true, 2, 1224, EXTERNAL_ID);
    if (!errors.isEmpty()) {
      throw new IllegalArgumentException(errors.get(0));
    }
  }

  private static void check(
      List<String> errors,
      String member,
      String value,
      boolean required,
      int min,
      int max,
      Pattern pattern) {
    if (value == null) {
      if (required) {
        errors.add(breach(member, null, "must not be null"));
      }
      return;
    }
    int length = value.codePointCount(0, value.length());
    if (length < min) {
      errors.add(breach(member, value, "must have length greater than or equal to " + min));
    } else if (length > max) {
      errors.add(breach(member, value, "must have length less than or equal to " + max));
    }
    if (!pattern.matcher(value).matches()) {
      errors.add(
          breach(member, value, "must satisfy regular expression pattern: " + pattern.pattern()));
    }
  }

  private static Integer duration(List<String> errors, String text) {
    if (text == null) {
      return null;
    }
    int seconds;
    try {
      seconds = Integer.parseInt(text);
    } catch (NumberFormatException e) {
      errors.add(breach("durationSeconds", text, "must be an integer"));
      return null;
    }
    if (seconds < 900) {
      errors.add(breach("durationSeconds", text, "must have value greater than or equal to 900"));
    } else if (seconds > 43200) {
      errors.add(breach("durationSeconds", text, "must have value less than or equal to 43200"));
    }
    return seconds;
  }

  private static String breach(String member, String value, String what) {
    return "Value "
        + (value == null ? "null" : "'" + value + "'")
        + " at '"
        + member
        + "' failed to satisfy constraint: Member "
        + what;
  }
}
