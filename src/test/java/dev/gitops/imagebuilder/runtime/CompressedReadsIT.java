package dev.gitops.imagebuilder.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.gitops.imagebuilder.testing.KubeApiServerExtension;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.http.AsyncBody;
import io.fabric8.kubernetes.client.http.HttpClient;
import io.fabric8.kubernetes.client.http.HttpRequest;
import io.fabric8.kubernetes.client.http.HttpResponse;
import io.fabric8.kubernetes.client.http.Interceptor;
import io.fabric8.kubernetes.client.informers.ResourceEventHandler;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The operator's client on the real API server: a list larger than the server's compression
 * threshold (128 KiB) crosses the wire gzip-compressed and arrives as the same objects an
 * uncompressed client reads, less their field managers; informers sync through it and their watches
 * still deliver events.
 */
class CompressedReadsIT {
  @RegisterExtension static final KubeApiServerExtension kube = new KubeApiServerExtension();

  private static final int CONFIG_MAPS = 40;
  private static final String PAYLOAD = "x".repeat(8 * 1024);

  private static KubernetesClient operatorClient;
  private static KubernetesClient plainClient;

  @BeforeAll
  static void fillNamespace() {
    Config config = Config.fromKubeconfig(kube.kubeconfig().toFile());
    config.setNamespace(kube.namespace());
    operatorClient = KubernetesClients.builder().withConfig(config).build();
    plainClient = new KubernetesClientBuilder().withConfig(config).build();
    for (int i = 0; i < CONFIG_MAPS; i++) {
      plainClient.configMaps().resource(configMap("big-" + i)).create();
    }
  }

  @AfterAll
  static void closeClients() {
    operatorClient.close();
    plainClient.close();
  }

  @Test
  void aLargeListCrossesTheWireCompressedAndReadsTheSame() throws Exception {
    WireProbe probe = new WireProbe();

    HttpResponse<String> response = read("configmaps", probe);

    assertThat(response.code()).isEqualTo(200);
    assertThat(response.header("Content-Encoding")).isEqualTo("gzip");
    assertThat(probe.firstByte.get()).as("first byte on the wire").isEqualTo(0x1f);
    assertThat(probe.wireBytes.get()).isLessThan(response.body().length() / 10);
    assertThat(names(operatorClient.configMaps().list().getItems()))
        .isEqualTo(names(plainClient.configMaps().list().getItems()))
        .filteredOn(name -> name.startsWith("big-"))
        .hasSize(CONFIG_MAPS);
    assertThat(operatorClient.configMaps().list().getItems())
        .filteredOn(cm -> cm.getMetadata().getName().startsWith("big-"))
        .allSatisfy(cm -> assertThat(cm.getData()).containsEntry("payload", PAYLOAD));
  }

  @Test
  void objectsArriveWithoutTheirFieldManagers() {
    ConfigMap plain = plainClient.configMaps().withName("big-0").get();
    ConfigMap operators = operatorClient.configMaps().withName("big-0").get();

    assertThat(plain.getMetadata().getManagedFields()).isNotEmpty();
    assertThat(operators.getMetadata().getManagedFields()).isEmpty();
    assertThat(operators.getMetadata().getResourceVersion())
        .isEqualTo(plain.getMetadata().getResourceVersion());
    assertThat(operators.getData()).isEqualTo(plain.getData());
  }

  @Test
  void anUpdateWithoutFieldManagersKeepsTheServersRecord() {
    plainClient.configMaps().resource(configMap("edited")).create();

    operatorClient
        .configMaps()
        .withName("edited")
        .edit(cm -> new ConfigMapBuilder(cm).addToData("more", "yes").build());

    ConfigMap after = plainClient.configMaps().withName("edited").get();
    assertThat(after.getData()).containsEntry("more", "yes");
    assertThat(after.getMetadata().getManagedFields()).isNotEmpty();
  }

  @Test
  void aSmallReadStaysUncompressed() throws Exception {
    WireProbe probe = new WireProbe();

    HttpResponse<String> response = read("configmaps/big-0", probe);

    assertThat(response.header("Content-Encoding")).isNull();
    assertThat(probe.firstByte.get()).isEqualTo('{');
    assertThat(response.body()).contains(PAYLOAD);
  }

  @Test
  void anInformerSyncsThroughItAndItsWatchDeliversEvents() {
    AtomicInteger added = new AtomicInteger();
    try (SharedIndexInformer<ConfigMap> informer =
        operatorClient.configMaps().inform(new CountingHandler(added), 0)) {
      await().atMost(Duration.ofSeconds(30)).until(informer::hasSynced);
      assertThat(informer.getStore().list()).hasSizeGreaterThanOrEqualTo(CONFIG_MAPS);

      plainClient.configMaps().resource(configMap("after-sync")).create();

      await()
          .atMost(Duration.ofSeconds(30))
          .until(() -> informer.getStore().getByKey(kube.namespace() + "/after-sync") != null);
      assertThat(added).hasValueGreaterThanOrEqualTo(CONFIG_MAPS + 1);
    }
  }

  /** A GET of the test namespace's {@code path} through the operator's client and {@code probe}. */
  private static HttpResponse<String> read(String path, WireProbe probe) throws Exception {
    HttpClient http =
        operatorClient.getHttpClient().newBuilder().addOrReplaceInterceptor("probe", probe).build();
    String url =
        operatorClient.getMasterUrl() + "api/v1/namespaces/" + kube.namespace() + "/" + path;
    return http.sendAsync(http.newHttpRequestBuilder().uri(url).build(), String.class)
        .get(30, TimeUnit.SECONDS);
  }

  private static ConfigMap configMap(String name) {
    return new ConfigMapBuilder()
        .withNewMetadata()
        .withName(name)
        .endMetadata()
        .withData(Map.of("payload", PAYLOAD))
        .build();
  }

  private static List<String> names(List<ConfigMap> items) {
    return items.stream()
        .sorted(Comparator.comparing(cm -> cm.getMetadata().getName()))
        .map(cm -> cm.getMetadata().getName() + "@" + cm.getMetadata().getResourceVersion())
        .toList();
  }

  /** Registered after the operator's interceptor, so its consumer sees the bytes as they arrive. */
  private static final class WireProbe implements Interceptor {
    final AtomicInteger firstByte = new AtomicInteger(-1);
    final AtomicLong wireBytes = new AtomicLong();

    @Override
    public AsyncBody.Consumer<List<ByteBuffer>> consumer(
        AsyncBody.Consumer<List<ByteBuffer>> consumer, HttpRequest request) {
      return (chunk, body) -> {
        for (ByteBuffer b : chunk) {
          if (b.hasRemaining()) {
            firstByte.compareAndSet(-1, b.get(b.position()) & 0xff);
          }
          wireBytes.addAndGet(b.remaining());
        }
        consumer.consume(chunk, body);
      };
    }
  }

  private record CountingHandler(AtomicInteger added) implements ResourceEventHandler<ConfigMap> {
    @Override
    public void onAdd(ConfigMap obj) {
      added.incrementAndGet();
    }

    @Override
    public void onUpdate(ConfigMap oldObj, ConfigMap newObj) {}

    @Override
    public void onDelete(ConfigMap obj, boolean deletedFinalStateUnknown) {}
  }
}
