package dev.gitops.imagebuilder.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Which names of a PromQL expression are metrics: the rest is functions, keywords, labels, strings,
 * ranges.
 */
class PromQlMetricNamesTest {

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      textBlock =
          """
      up                                                                                       | up
      max by (namespace, job) (imagebuilder_workflows{condition="Stalled", status="True"}) > 0 | imagebuilder_workflows
      sum(rate(a_total{outcome=~"x.*"}[5m])) / sum without (pod) (rate(b_total[$__rate_interval])) | a_total,b_total
      histogram_quantile(0.95, sum by (le) (rate(c_bucket{namespace=~"$namespace"}[5m])))      | c_bucket
      absent(imagebuilder_leader)                                                              | imagebuilder_leader
      x_total offset 5m and on (pod) group_left (node) y_info unless z                         | x_total,y_info,z
      label_values(imagebuilder_leader, namespace)                                             | imagebuilder_leader
      sum(a) by (job) * 1e3 > bool 0.5                                                         | a
      """)
  void findsTheMetricNames(String expression, String names) {
    assertThat(PromQlMetricNames.in(expression)).containsExactlyInAnyOrder(names.split(","));
  }

  @Test
  void aMisspeltMetricInALabelListFreeExpressionIsStillReported() {
    assertThat(PromQlMetricNames.in("rate(imagebuilder_aws_call_total[5m])"))
        .containsExactly("imagebuilder_aws_call_total");
  }
}
