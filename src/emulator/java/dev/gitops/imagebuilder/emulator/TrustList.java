package dev.gitops.imagebuilder.emulator;

import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The roles the emulator's account may assume, each with the external ID its trust policy requires
 * (empty: none). A role not listed, or a request without exactly the required external ID, is
 * AccessDenied, as AWS answers both (it never says which).
 */
final class TrustList {

  private static final String NO_EXTERNAL_ID = "";

  private final Map<String, String> externalIds = new ConcurrentHashMap<>();

  /** Trusts {@code roleArn}, replacing its entry; a null external ID requires none. */
  void trust(String roleArn, String externalIdOrNull) {
    RoleArn role =
        RoleArn.parse(String.valueOf(roleArn))
            .orElseThrow(() -> new IllegalArgumentException("not an IAM role ARN: " + roleArn));
    if (externalIdOrNull != null) {
      AssumeRoleRequest.checkExternalId(externalIdOrNull);
    }
    externalIds.put(role.toString(), externalIdOrNull == null ? NO_EXTERNAL_ID : externalIdOrNull);
  }

  void distrust(String roleArn) {
    externalIds.remove(roleArn);
  }

  /** Refuses the request unless {@code role} is trusted and the external ID matches. */
  void check(RoleArn role, String externalId, String callerArn) {
    String required = externalIds.get(role.toString());
    if (required == null
        || (!required.equals(NO_EXTERNAL_ID) && !Objects.equals(required, externalId))) {
      throw new StsError(
          403,
          "AccessDenied",
          "User: "
              + callerArn
              + " is not authorized to perform: sts:AssumeRole on resource: "
              + role);
    }
  }

  void clear() {
    externalIds.clear();
  }
}
