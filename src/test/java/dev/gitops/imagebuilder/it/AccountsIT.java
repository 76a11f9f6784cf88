package dev.gitops.imagebuilder.it;

import static dev.gitops.imagebuilder.it.Workflows.document;
import static dev.gitops.imagebuilder.it.Workflows.workflow;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.gitops.imagebuilder.api.ImageBuilderAccount;
import dev.gitops.imagebuilder.api.ImageBuilderAccountSpec;
import dev.gitops.imagebuilder.api.ImageBuilderWorkflow;
import dev.gitops.imagebuilder.emulator.EmulatorOptions;
import dev.gitops.imagebuilder.emulator.ImageBuilderEmulator;
import dev.gitops.imagebuilder.emulator.WorkflowBuild;
import dev.gitops.imagebuilder.testing.DeployRbac;
import dev.gitops.imagebuilder.testing.KubeApiServerExtension;
import io.fabric8.kubernetes.api.model.LabelSelectorBuilder;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.api.model.rbac.RoleBindingBuilder;
import io.fabric8.kubernetes.api.model.rbac.RoleBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Many AWS accounts from one operator: cluster admins map namespaces to IAM roles with
 * ImageBuilderAccount, the operator assumes them through STS (the emulator's), and each workflow
 * lives in its namespace's account. The operator runs as deploy/'s ServiceAccount under deploy/'s
 * RBAC.
 */
class AccountsIT {
  @RegisterExtension static final KubeApiServerExtension kube = new KubeApiServerExtension();

  private static final String SUFFIX = UUID.randomUUID().toString().substring(0, 6);
  private static final String TEAM_A = "team-a-" + SUFFIX;
  private static final String TEAM_B = "team-b-" + SUFFIX;
  private static final String UNMAPPED = "unmapped-" + SUFFIX;
  private static final String UNTRUSTED = "untrusted-" + SUFFIX;
  private static final String SHORT_LIVED = "short-lived-" + SUFFIX;
  private static final String OVERLAP = "overlap-" + SUFFIX;
  private static final String ROLE_A = "arn:aws:iam::111111111111:role/imagebuilder-a";
  private static final String ROLE_B = "arn:aws:iam::222222222222:role/imagebuilder-b";
  private static final String ROLE_C = "arn:aws:iam::333333333333:role/imagebuilder-c";
  private static final String ROLE_D = "arn:aws:iam::444444444444:role/imagebuilder-d";
  private static final String ROLE_E = "arn:aws:iam::555555555555:role/imagebuilder-e";
  private static final String EXTERNAL_ID = "team-b-external-id";

  private static final List<String> mappings = new ArrayList<>();
  private static ImageBuilderEmulator emu;
  private static OperatorRun operator;

  @BeforeAll
  static void start() {
    Workflows.installCrds(kube);
    DeployRbac.apply(kube.client(), DeployRbac.objects(kube.client()));
    for (String namespace : List.of(TEAM_A, UNMAPPED, UNTRUSTED, SHORT_LIVED, OVERLAP)) {
      createNamespace(namespace, Map.of());
    }
    createNamespace(TEAM_B, Map.of("imagebuilder.example/team", "b"));
    emu = ImageBuilderEmulator.start(EmulatorOptions.defaults());
    emu.trust(ROLE_A, null);
    emu.trust(ROLE_B, EXTERNAL_ID);
    emu.trust(ROLE_D, null);
    map("a", ROLE_A, null, List.of(TEAM_A), null);
    map("b", ROLE_B, EXTERNAL_ID, null, Map.of("imagebuilder.example/team", "b"));
    map("untrusted", ROLE_C, null, List.of(UNTRUSTED), null);
    map("short-lived", ROLE_D, null, List.of(SHORT_LIVED), null);
    KubernetesClient asOperator = kube.impersonating(DeployRbac.NAMESPACE, DeployRbac.ACCOUNT);
    DeployRbac.awaitAuthorized(asOperator, TEAM_A);
    operator =
        new OperatorRun(
            asOperator,
            emu,
            OperatorRun.config(
                emu,
                Set.of(TEAM_A, TEAM_B, UNMAPPED, UNTRUSTED, SHORT_LIVED, OVERLAP),
                Duration.ofMinutes(10),
                50));
  }

  @AfterAll
  static void stop() {
    try {
      if (operator != null) {
        operator.close();
      }
    } finally {
      mappings.forEach(
          name -> kube.client().resources(ImageBuilderAccount.class).withName(name).delete());
      if (emu != null) {
        emu.close();
      }
    }
  }

  @Test
  void eachNamespaceWorksInItsOwnAccountAndTheUnmappedOneInTheOperators() {
    for (String namespace : List.of(TEAM_A, TEAM_B, UNMAPPED)) {
      new Workflows(kube.client(), namespace)
          .create(workflow("shared", "shared-name", "1.0.0", document(namespace)));
    }
    ImageBuilderWorkflow a =
        new Workflows(kube.client(), TEAM_A).awaitReady("shared", "True", "Created");
    ImageBuilderWorkflow b =
        new Workflows(kube.client(), TEAM_B).awaitReady("shared", "True", "Created");
    ImageBuilderWorkflow own =
        new Workflows(kube.client(), UNMAPPED).awaitReady("shared", "True", "Created");

    // The same name in three accounts is three workflows, each owned by its resource.
    assertThat(a.getStatus().getWorkflowBuildVersionArn())
        .isEqualTo(
            "arn:aws:imagebuilder:us-east-1:111111111111:workflow/build/shared-name/1.0.0/1");
    assertThat(a.getStatus().getAccountId()).isEqualTo("111111111111");
    assertThat(a.getStatus().getRoleArn()).isEqualTo(ROLE_A);
    assertThat(b.getStatus().getWorkflowBuildVersionArn()).contains(":222222222222:");
    assertThat(b.getStatus().getAccountId()).isEqualTo("222222222222");
    assertThat(b.getStatus().getRoleArn()).isEqualTo(ROLE_B);
    assertThat(own.getStatus().getWorkflowBuildVersionArn()).contains(":" + emu.account() + ":");
    assertThat(own.getStatus().getAccountId()).isEqualTo(emu.account());
    assertThat(own.getStatus().getRoleArn()).isNull();

    assertThat(names(emu.builds("111111111111"))).containsExactly("shared-name");
    assertThat(names(emu.builds("222222222222"))).containsExactly("shared-name");
    assertThat(emu.builds(emu.account()).stream().map(WorkflowBuild::arn))
        .containsExactly(own.getStatus().getWorkflowBuildVersionArn());
    assertThat(operator.calls("111111111111", "CreateWorkflow", "success")).isEqualTo(1);
    assertThat(operator.calls("222222222222", "CreateWorkflow", "success")).isEqualTo(1);

    ImageBuilderAccount mapping = mapping("b");
    assertThat(mapping.getStatus().getNamespaces()).containsExactly(TEAM_B);
    assertThat(mapping.getStatus().getAccountId()).isEqualTo("222222222222");
  }

  @Test
  void aRefusedAssumeRoleStallsTheResourceWithoutAnImageBuilderCallUntilTheTrustIsFixed() {
    Workflows untrusted = new Workflows(kube.client(), UNTRUSTED);
    untrusted.create(workflow("refused", "refused", "1.0.0", document("r")));

    ImageBuilderWorkflow stalled =
        untrusted.await("refused", r -> Workflows.has(r, "Stalled", "True", "AssumeRoleFailed"));
    assertThat(Workflows.condition(stalled, "Ready").orElseThrow().getMessage())
        .contains(ROLE_C)
        .contains("trust policy");
    assertThat(imageBuilderCalls("333333333333")).isZero();
    assertThat(emu.builds("333333333333")).isEmpty();

    emu.trust(ROLE_C, null);

    await()
        .atMost(Duration.ofSeconds(120))
        .until(() -> Workflows.has(untrusted.get("refused"), "Ready", "True", "Created"));
    assertThat(emu.builds("333333333333")).hasSize(1);
  }

  @Test
  void shortLivedCredentialsAreRefreshedWithoutAFailedReconcile() {
    emu.credentialLifetime(Duration.ofSeconds(2));
    Workflows workflows = new Workflows(kube.client(), SHORT_LIVED);
    workflows.create(workflow("rotating", "rotating", "1.0.0", document("v1")));
    workflows.awaitReady("rotating", "True", "Created");
    for (String version : List.of("1.0.1", "1.0.2")) {
      sleep(Duration.ofSeconds(3)); // the credentials of the last reconcile have expired
      workflows.edit("rotating", spec -> spec.setSemanticVersion(version));
      workflows.awaitReady("rotating", "True", "Created");
    }
    assertThat(emu.builds("444444444444")).hasSize(3);
    assertThat(emu.counters("444444444444").total("AssumeRole")).isGreaterThanOrEqualTo(3);
    assertThat(emu.counters("444444444444").get("CreateWorkflow", "ExpiredTokenException"))
        .isZero();
    assertThat(operator.calls("444444444444", "CreateWorkflow", "access_denied")).isZero();
  }

  @Test
  void overlappingMappingsAreRefusedOnTheMappingAndTheWorkflowUntilOneLetsGo() {
    map("overlap-1", ROLE_A, null, List.of(OVERLAP), null);
    map("overlap-2", ROLE_E, null, List.of(OVERLAP), null);
    Workflows workflows = new Workflows(kube.client(), OVERLAP);
    workflows.create(workflow("contested", "contested", "1.0.0", document("c")));

    ImageBuilderWorkflow refused =
        workflows.awaitReady("contested", "False", "AccountMappingConflict");
    assertThat(Workflows.condition(refused, "Ready").orElseThrow().getMessage())
        .contains(mappingName("overlap-1"))
        .contains(mappingName("overlap-2"));
    await()
        .atMost(Workflows.TIMEOUT)
        .until(
            () ->
                readyReason(mapping("overlap-1")).equals("AccountMappingConflict")
                    && readyReason(mapping("overlap-2")).equals("AccountMappingConflict"));
    assertThat(mapping("overlap-1").getStatus().getConflicts())
        .containsExactly(OVERLAP + ": " + mappingName("overlap-2"));
    assertThat(emu.builds("555555555555")).isEmpty();

    kube.client().resources(ImageBuilderAccount.class).withName(mappingName("overlap-2")).delete();

    ImageBuilderWorkflow ready = workflows.awaitReady("contested", "True", "Created");
    assertThat(ready.getStatus().getAccountId()).isEqualTo("111111111111");
    await()
        .atMost(Workflows.TIMEOUT)
        .until(() -> readyReason(mapping("overlap-1")).equals("Mapped"));
  }

  @Test
  void aResourceKeepsTheAccountItsBuildsAreInWhenItsMappingChanges() {
    Workflows workflows = new Workflows(kube.client(), TEAM_A);
    workflows.create(workflow("settled", "settled", "1.0.0", document("s")));
    workflows.awaitReady("settled", "True", "Created");

    editMapping("a", spec -> spec.setRoleArn(ROLE_D));

    ImageBuilderWorkflow moved = workflows.awaitReason("settled", "AccountChanged");
    assertThat(Workflows.condition(moved, "Ready").orElseThrow().getMessage())
        .contains("111111111111")
        .contains(ROLE_D);
    workflows.edit("settled", spec -> spec.setSemanticVersion("1.1.0"));
    workflows.awaitReady("settled", "False", "AccountChanged");
    assertThat(names(emu.builds("444444444444"))).doesNotContain("settled");

    editMapping("a", spec -> spec.setRoleArn(ROLE_A));

    ImageBuilderWorkflow back = workflows.awaitReady("settled", "True", "Created");
    assertThat(back.getStatus().getWorkflowBuildVersionArn())
        .isEqualTo("arn:aws:imagebuilder:us-east-1:111111111111:workflow/build/settled/1.1.0/1");
  }

  @Test
  void tenantsCannotChooseTheirAccountAndTheOperatorCannotWriteAMapping() {
    // A tenant with every right in its own namespace (more than the usual edit role): still none
    // over the cluster-scoped mappings.
    kube.client()
        .rbac()
        .roles()
        .inNamespace(UNMAPPED)
        .resource(
            new RoleBuilder()
                .withNewMetadata()
                .withName("tenant-all")
                .endMetadata()
                .addNewRule()
                .withApiGroups("*")
                .withResources("*")
                .withVerbs("*")
                .endRule()
                .build())
        .serverSideApply();
    kube.client()
        .rbac()
        .roleBindings()
        .inNamespace(UNMAPPED)
        .resource(
            new RoleBindingBuilder()
                .withNewMetadata()
                .withName("tenant-all")
                .endMetadata()
                .withNewRoleRef()
                .withApiGroup("rbac.authorization.k8s.io")
                .withKind("Role")
                .withName("tenant-all")
                .endRoleRef()
                .addNewSubject()
                .withKind("ServiceAccount")
                .withName("tenant")
                .withNamespace(UNMAPPED)
                .endSubject()
                .build())
        .serverSideApply();
    KubernetesClient tenant = kube.impersonating(UNMAPPED, "tenant");
    await()
        .atMost(Workflows.TIMEOUT)
        .ignoreExceptions()
        .until(() -> tenant.configMaps().inNamespace(UNMAPPED).list() != null);

    assertThatThrownBy(
            () ->
                tenant
                    .resource(account("tenant-" + SUFFIX, ROLE_E, null, List.of(UNMAPPED), null))
                    .create())
        .isInstanceOfSatisfying(
            KubernetesClientException.class, e -> assertThat(e.getCode()).isEqualTo(403));
    assertThatThrownBy(
            () ->
                tenant.resources(ImageBuilderAccount.class).withName(mappingName("a")).edit(m -> m))
        .isInstanceOfSatisfying(
            KubernetesClientException.class, e -> assertThat(e.getCode()).isEqualTo(403));

    KubernetesClient asOperator = kube.impersonating(DeployRbac.NAMESPACE, DeployRbac.ACCOUNT);
    assertThat(asOperator.resources(ImageBuilderAccount.class).list().getItems()).isNotEmpty();
    assertThatThrownBy(
            () ->
                asOperator
                    .resources(ImageBuilderAccount.class)
                    .withName(mappingName("b"))
                    .edit(
                        m -> {
                          m.getSpec().setRoleArn(ROLE_E);
                          return m;
                        }))
        .isInstanceOfSatisfying(
            KubernetesClientException.class, e -> assertThat(e.getCode()).isEqualTo(403));
    assertThatThrownBy(
            () ->
                asOperator
                    .resource(account("operator-" + SUFFIX, ROLE_E, null, List.of(UNMAPPED), null))
                    .create())
        .isInstanceOfSatisfying(
            KubernetesClientException.class, e -> assertThat(e.getCode()).isEqualTo(403));
  }

  private static void createNamespace(String name, Map<String, String> labels) {
    kube.client()
        .namespaces()
        .resource(
            new NamespaceBuilder()
                .withNewMetadata()
                .withName(name)
                .withLabels(labels)
                .endMetadata()
                .build())
        .create();
  }

  private static String mappingName(String name) {
    return name + "-" + SUFFIX;
  }

  private static void map(
      String name,
      String roleArn,
      String externalId,
      List<String> namespaces,
      Map<String, String> selector) {
    kube.client()
        .resource(account(mappingName(name), roleArn, externalId, namespaces, selector))
        .create();
    mappings.add(mappingName(name));
  }

  private static ImageBuilderAccount account(
      String name,
      String roleArn,
      String externalId,
      List<String> namespaces,
      Map<String, String> selector) {
    ImageBuilderAccountSpec spec = new ImageBuilderAccountSpec();
    spec.setRoleArn(roleArn);
    spec.setExternalId(externalId);
    spec.setNamespaces(namespaces);
    if (selector != null) {
      spec.setNamespaceSelector(new LabelSelectorBuilder().withMatchLabels(selector).build());
    }
    ImageBuilderAccount account = new ImageBuilderAccount();
    account.setMetadata(new ObjectMetaBuilder().withName(name).build());
    account.setSpec(spec);
    return account;
  }

  private static void editMapping(
      String name, java.util.function.Consumer<ImageBuilderAccountSpec> change) {
    kube.client()
        .resources(ImageBuilderAccount.class)
        .withName(mappingName(name))
        .edit(
            m -> {
              change.accept(m.getSpec());
              return m;
            });
  }

  private static ImageBuilderAccount mapping(String name) {
    return await()
        .atMost(Workflows.TIMEOUT)
        .until(
            () ->
                kube.client()
                    .resources(ImageBuilderAccount.class)
                    .withName(mappingName(name))
                    .get(),
            m -> m != null && m.getStatus() != null && !m.getStatus().getConditions().isEmpty());
  }

  private static String readyReason(ImageBuilderAccount mapping) {
    return mapping.getStatus().getConditions().stream()
        .filter(c -> "Ready".equals(c.getType()))
        .map(c -> c.getReason())
        .findFirst()
        .orElse("");
  }

  /** Image Builder calls made with an account's credentials (STS AssumeRole not counted). */
  private static long imageBuilderCalls(String account) {
    return emu.counters(account).snapshot().entrySet().stream()
        .filter(e -> !e.getKey().equals("AssumeRole"))
        .flatMap(e -> e.getValue().values().stream())
        .mapToLong(Long::longValue)
        .sum();
  }

  private static List<String> names(List<WorkflowBuild> builds) {
    return builds.stream().map(WorkflowBuild::name).toList();
  }

  private static void sleep(Duration duration) {
    try {
      Thread.sleep(duration.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
