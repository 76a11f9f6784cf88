package dev.gitops.imagebuilder.aws;

/**
 * Whose credentials a call is made with: the operator's own (the SDK's default chain: IRSA, Pod
 * Identity, ...), or a role a cluster admin mapped the namespace to, assumed through STS with a
 * session name that names the namespace (so CloudTrail says which tenant a call was for).
 *
 * @param roleArn the role to assume; null for the operator's own credentials
 * @param externalId the external ID the role's trust policy requires; null for none
 * @param namespace the namespace the role is assumed for; null for the operator's own credentials
 */
public record AccountRef(String roleArn, String externalId, String namespace) {
  /** The operator's own credentials. */
  public static final AccountRef OWN = new AccountRef(null, null, null);

  /** The metric label of the operator's own credentials, whose account is not known up front. */
  public static final String OWN_LABEL = "operator";

  private static final int MAX_SESSION_NAME = 64;

  public static AccountRef role(String roleArn, String externalId, String namespace) {
    return new AccountRef(roleArn, externalId, namespace);
  }

  public boolean own() {
    return roleArn == null;
  }

  /** The account id in the role ARN; null for the operator's own credentials. */
  public String accountId() {
    return own() ? null : accountOf(roleArn);
  }

  /** The {@code account} label of the AWS call metrics: the account id, or {@value #OWN_LABEL}. */
  public String label() {
    return own() ? OWN_LABEL : accountId();
  }

  /** The STS session name: the namespace, within AssumeRole's 64 characters. */
  public String sessionName() {
    String name = "ibw-" + namespace;
    return name.length() > MAX_SESSION_NAME ? name.substring(0, MAX_SESSION_NAME) : name;
  }

  /** The account field of an IAM or Image Builder ARN. */
  public static String accountOf(String arn) {
    String[] parts = arn.split(":", 6);
    return parts.length < 6 ? null : parts[4];
  }

  @Override
  public String toString() {
    return own() ? "the operator's own credentials" : "role " + roleArn;
  }
}
