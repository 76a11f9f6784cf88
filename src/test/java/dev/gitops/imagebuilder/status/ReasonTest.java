package dev.gitops.imagebuilder.status;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** Reasons are an API: the README's table lists exactly the reasons the operator can report. */
class ReasonTest {
  private static final Pattern ROW =
      Pattern.compile("^\\| `([A-Za-z]+)` \\| (Ready|Reconciling|Stalled) \\|", Pattern.MULTILINE);

  @Test
  void theReadmeTableListsEveryReasonAndNoOther() throws Exception {
    Matcher rows = ROW.matcher(Files.readString(Path.of("README.md")));
    List<String> documented = new ArrayList<>();
    while (rows.find()) {
      documented.add(rows.group(1));
    }
    assertThat(documented)
        .containsExactlyInAnyOrderElementsOf(
            Arrays.stream(Reason.values()).map(Reason::name).toList());
  }
}
