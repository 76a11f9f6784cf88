package dev.gitops.imagebuilder.status;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gitops.imagebuilder.api.ImageBuilderWorkflow;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import org.junit.jupiter.api.Test;

class EventRecorderTest {
  private static final String DNS_SUBDOMAIN =
      "[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*";

  @Test
  void namesFitTheApiServersLimitForTheLongestResourceNames() {
    for (String name :
        new String[] {"a", "x".repeat(253), "a.b-".repeat(63) + "c", "y".repeat(236) + "-z"}) {
      String eventName = EventRecorder.eventName(resource(name, "uid"), false, Reason.Created, "m");
      assertThat(eventName).hasSizeLessThanOrEqualTo(EventRecorder.MAX_NAME).matches(DNS_SUBDOMAIN);
    }
  }

  @Test
  void theSameEventKeepsItsNameSoRepeatsAreAggregated() {
    ImageBuilderWorkflow r = resource("flow", "uid-1");
    String first = EventRecorder.eventName(r, true, Reason.DeleteBlocked, "in use");
    assertThat(EventRecorder.eventName(r, true, Reason.DeleteBlocked, "in use")).isEqualTo(first);
    assertThat(EventRecorder.eventName(r, true, Reason.DeleteBlocked, "other")).isNotEqualTo(first);
    assertThat(
            EventRecorder.eventName(
                resource("flow", "uid-2"), true, Reason.DeleteBlocked, "in use"))
        .isNotEqualTo(first);
  }

  private static ImageBuilderWorkflow resource(String name, String uid) {
    ImageBuilderWorkflow r = new ImageBuilderWorkflow();
    r.setMetadata(new ObjectMetaBuilder().withName(name).withUid(uid).withNamespace("ns").build());
    return r;
  }
}
