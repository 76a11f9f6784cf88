package dev.gitops.imagebuilder.accounts;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gitops.imagebuilder.api.ImageBuilderAccount;
import dev.gitops.imagebuilder.api.ImageBuilderAccountSpec;
import dev.gitops.imagebuilder.aws.AccountRef;
import dev.gitops.imagebuilder.status.Reason;
import io.fabric8.kubernetes.api.model.LabelSelector;
import io.fabric8.kubernetes.api.model.LabelSelectorBuilder;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class AccountMappingsTest {
  private static final String ROLE_A = "arn:aws:iam::111111111111:role/a";
  private static final String ROLE_B = "arn:aws:iam::222222222222:role/b";

  static ImageBuilderAccount mapping(
      String name, String role, List<String> namespaces, LabelSelector selector) {
    ImageBuilderAccountSpec spec = new ImageBuilderAccountSpec();
    spec.setRoleArn(role);
    spec.setExternalId("ext-" + name);
    spec.setNamespaces(namespaces);
    spec.setNamespaceSelector(selector);
    ImageBuilderAccount mapping = new ImageBuilderAccount();
    mapping.setMetadata(new ObjectMetaBuilder().withName(name).build());
    mapping.setSpec(spec);
    return mapping;
  }

  static LabelSelector labels(Map<String, String> match) {
    return new LabelSelectorBuilder().withMatchLabels(match).build();
  }

  static LabelSelector expression(String key, String operator, String... values) {
    return new LabelSelectorBuilder()
        .addNewMatchExpression()
        .withKey(key)
        .withOperator(operator)
        .withValues(values)
        .endMatchExpression()
        .build();
  }

  private static final ImageBuilderAccount BY_NAME = mapping("by-name", ROLE_A, List.of("a"), null);
  private static final ImageBuilderAccount BY_LABEL =
      mapping("by-label", ROLE_B, null, labels(Map.of("team", "b")));

  static Stream<Arguments> resolutions() {
    return Stream.of(
        Arguments.of(
            "by name",
            List.of(BY_NAME, BY_LABEL),
            "a",
            Map.of(),
            false,
            "Mapped by-name " + ROLE_A),
        Arguments.of(
            "by label",
            List.of(BY_NAME, BY_LABEL),
            "x",
            Map.of("team", "b"),
            false,
            "Mapped by-label " + ROLE_B),
        Arguments.of(
            "no mapping selects it: the operator's own credentials",
            List.of(BY_NAME, BY_LABEL),
            "x",
            Map.of("team", "c"),
            false,
            "Unmapped"),
        Arguments.of(
            "no mapping selects it and one is required",
            List.of(BY_NAME),
            "x",
            Map.of(),
            true,
            "Refused AccountNotMapped"),
        Arguments.of(
            "two mappings select it: neither is used",
            List.of(BY_NAME, mapping("also-a", ROLE_B, List.of("a"), null)),
            "a",
            Map.of(),
            false,
            "Refused AccountMappingConflict"),
        Arguments.of(
            "by name and by label in two mappings: a conflict too",
            List.of(BY_NAME, BY_LABEL),
            "a",
            Map.of("team", "b"),
            false,
            "Refused AccountMappingConflict"),
        Arguments.of(
            "namespace not cached while a mapping selects by label: wait",
            List.of(BY_NAME, BY_LABEL),
            "new",
            null,
            false,
            "NamespaceUnknown"),
        Arguments.of(
            "namespace not cached, but selected by name: no need to wait",
            List.of(BY_NAME, mapping("by-label-too", ROLE_B, List.of("a"), labels(Map.of()))),
            "a",
            null,
            false,
            "Refused AccountMappingConflict"),
        Arguments.of(
            "namespace not cached and no mapping selects by label",
            List.of(BY_NAME),
            "new",
            null,
            false,
            "Unmapped"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("resolutions")
  void resolves(
      String title,
      List<ImageBuilderAccount> mappings,
      String namespace,
      Map<String, String> labels,
      boolean required,
      String expected) {
    AccountMappings.Resolution resolution =
        AccountMappings.resolve(mappings, namespace, labels, required);
    String actual;
    if (resolution instanceof AccountMappings.Mapped m) {
      actual = "Mapped " + m.mapping() + " " + m.account().roleArn();
    } else if (resolution instanceof AccountMappings.Refused r) {
      actual = "Refused " + r.reason();
    } else {
      actual = resolution.getClass().getSimpleName();
    }
    assertThat(actual).isEqualTo(expected);
    if (resolution instanceof AccountMappings.Refused r
        && r.reason() == Reason.AccountMappingConflict) {
      assertThat(r.message()).contains(namespace).contains(mappings.get(1).getMetadata().getName());
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("selectors")
  void matchesLabelsAsKubernetesDoes(
      String title, LabelSelector selector, Map<String, String> labels, boolean expected) {
    assertThat(AccountMappings.matches(selector, labels)).isEqualTo(expected);
  }

  static Stream<Arguments> selectors() {
    return Stream.of(
        Arguments.of("empty selects all", new LabelSelector(), Map.of(), true),
        Arguments.of("matchLabels", labels(Map.of("t", "a")), Map.of("t", "a", "x", "y"), true),
        Arguments.of("matchLabels differ", labels(Map.of("t", "a")), Map.of("t", "b"), false),
        Arguments.of("In", expression("t", "In", "a", "b"), Map.of("t", "b"), true),
        Arguments.of("In, absent", expression("t", "In", "a"), Map.of(), false),
        Arguments.of("NotIn, absent", expression("t", "NotIn", "a"), Map.of(), true),
        Arguments.of("NotIn, listed", expression("t", "NotIn", "a"), Map.of("t", "a"), false),
        Arguments.of("Exists", expression("t", "Exists"), Map.of("t", ""), true),
        Arguments.of("DoesNotExist", expression("t", "DoesNotExist"), Map.of("t", "a"), false),
        Arguments.of("unknown operator", expression("t", "Near", "a"), Map.of("t", "a"), false));
  }

  @ParameterizedTest(name = "session name of namespace length {0}")
  @MethodSource("namespaceLengths")
  void theSessionNameNamesTheNamespaceWithinStsLimits(int length) {
    String namespace = "n".repeat(length);
    String session = AccountRef.role(ROLE_A, null, namespace).sessionName();
    assertThat(session).startsWith("ibw-n").hasSizeLessThanOrEqualTo(64).matches("[\\w+=,.@-]+");
  }

  static Stream<Integer> namespaceLengths() {
    return Stream.of(1, 60, 63);
  }
}
