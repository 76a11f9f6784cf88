package dev.gitops.imagebuilder.aws;

/** Where a call goes: the credentials it is made with and the region. */
public record AwsTarget(AccountRef account, String region) {
  /** The operator's own credentials in {@code region}. */
  public static AwsTarget own(String region) {
    return new AwsTarget(AccountRef.OWN, region);
  }

  @Override
  public String toString() {
    return region + " with " + account;
  }
}
