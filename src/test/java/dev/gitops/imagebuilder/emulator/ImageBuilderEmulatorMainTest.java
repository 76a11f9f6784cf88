package dev.gitops.imagebuilder.emulator;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The entry point scripts/imagebuilder-emulator runs, as a separate JVM. */
class ImageBuilderEmulatorMainTest {

    private static final Pattern READY = Pattern.compile("imagebuilder emulator listening on (http://127\\.0\\.0\\.1:\\d+)");

    @Test
    void printsTheReadyLineThenServesUntilStopped() throws Exception {
        Process process = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), ImageBuilderEmulatorMain.class.getName(),
                "--port", "0", "--region", "eu-west-1", "--account", "210987654321")
                .redirectError(ProcessBuilder.Redirect.DISCARD).start();
        try {
            String line = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))
                    .readLine();
            Matcher ready = READY.matcher(String.valueOf(line));
            assertThat(ready.matches()).as("first line: %s", line).isTrue();

            HttpResponse<String> counters = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                    URI.create(ready.group(1) + ImageBuilderEmulator.CONTROL_PREFIX + "counters")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(counters.statusCode()).isEqualTo(200);
        } finally {
            process.destroy();
            assertThat(process.waitFor(10, TimeUnit.SECONDS)).isTrue();
        }
    }

    @Test
    void rejectsAnUnknownOption() throws Exception {
        Process process = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), ImageBuilderEmulatorMain.class.getName(), "--colour", "red")
                .redirectErrorStream(true).start();

        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(10, TimeUnit.SECONDS)).isTrue();
        assertThat(process.exitValue()).isEqualTo(2);
        assertThat(output).contains("unknown option --colour");
    }
}
