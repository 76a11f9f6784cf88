package dev.gitops.imagebuilder.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gitops.imagebuilder.api.ImageBuilderWorkflow;
import dev.gitops.imagebuilder.api.ImageBuilderWorkflowStatus;
import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.api.model.ConditionBuilder;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ConditionCountsTest {

  /** conditions: "Type=Status;..." ; "-" for no status at all; "" for an empty list. */
  @ParameterizedTest(name = "[{0}] {1} -> {2}")
  @CsvSource(
      delimiter = '|',
      nullValues = "-",
      textBlock =
          """
      -                                | Ready       | Unknown
      ''                               | Ready       | Unknown
      Ready=True                       | Ready       | True
      Ready=False;Stalled=True         | Stalled     | True
      Ready=False;Stalled=True         | Ready       | False
      Ready=False;Stalled=True         | Reconciling | Unknown
      Ready=Maybe                      | Ready       | Unknown
      """)
  void readsTheStatusOfOneConditionType(String conditions, String type, String want) {
    assertThat(ConditionCounts.statusOf(workflow(conditions), type)).isEqualTo(want);
  }

  @ParameterizedTest(name = "{0} {1}")
  @CsvSource(
      delimiter = '|',
      textBlock =
          """
      Ready   | True    | 2
      Ready   | False   | 1
      Ready   | Unknown | 1
      Stalled | True    | 1
      Stalled | Unknown | 2
      Stalled | False   | 1
      """)
  void countsResourcesPerConditionStatus(String type, String status, long want) {
    var all =
        List.of(
            workflow("Ready=True"),
            workflow("Ready=True;Stalled=False"),
            workflow("Ready=False;Stalled=True"),
            workflow(null));
    assertThat(ConditionCounts.count(all, type, status)).isEqualTo(want);
  }

  static ImageBuilderWorkflow workflow(String conditions) {
    var w = new ImageBuilderWorkflow();
    if (conditions == null) {
      return w;
    }
    var list = new ArrayList<Condition>();
    for (String c : conditions.split(";")) {
      if (!c.isEmpty()) {
        String[] kv = c.split("=");
        list.add(new ConditionBuilder().withType(kv[0]).withStatus(kv[1]).build());
      }
    }
    var status = new ImageBuilderWorkflowStatus();
    status.setConditions(list);
    w.setStatus(status);
    return w;
  }
}
