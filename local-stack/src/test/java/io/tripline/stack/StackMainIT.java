package io.tripline.stack;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code tripline stack} as a user runs it: a separate JVM that prints the two endpoint lines once
 * ready, answers on them, and leaves no broker process behind after Ctrl-C (SIGINT).
 */
class StackMainIT {

    @TempDir
    Path dataDir;

    @Test
    void shouldPrintBothEndpointsAndLeaveNoProcessAfterCtrlC() throws Exception {
        Process stack = launch("--kafka-port", "0", "--registry-port", "0", "--data-dir", dataDir.toString());
        try {
            BlockingQueue<String> lines = lines(stack);
            String kafka = lines.poll(180, TimeUnit.SECONDS);
            String registry = lines.poll(30, TimeUnit.SECONDS);
            assertThat(kafka).matches("kafka: localhost:\\d+");
            assertThat(registry).matches("schema-registry: http://127\\.0\\.0\\.1:\\d+");

            HttpResponse<String> subjects = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                    URI.create(registry.substring("schema-registry: ".length()) + "/subjects")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(subjects.statusCode()).isEqualTo(200);
            assertThat(subjects.body()).isEqualTo("[]");

            List<ProcessHandle> children = new ArrayList<>(stack.descendants().toList());
            assertThat(children).as("the broker child JVM").isNotEmpty();

            new ProcessBuilder("kill", "-INT", String.valueOf(stack.pid())).start().waitFor();
            assertThat(stack.waitFor(60, TimeUnit.SECONDS)).as("stack exits after SIGINT").isTrue();
            for (ProcessHandle child : children) {
                child.onExit().get(30, TimeUnit.SECONDS);
                assertThat(child.isAlive()).as("child pid %d", child.pid()).isFalse();
            }
            assertThat(lines).as("nothing else printed on stdout").isEmpty();
        } finally {
            stack.descendants().forEach(ProcessHandle::destroyForcibly);
            stack.destroyForcibly();
        }
    }

    @Test
    void shouldExitWithOneLineNamingATakenPort() throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            Process stack = launch("--kafka-port", String.valueOf(taken.getLocalPort()), "--data-dir", dataDir.toString());
            assertThat(stack.waitFor(120, TimeUnit.SECONDS)).isTrue();
            assertThat(stack.exitValue()).isEqualTo(1);
            String err = new String(stack.getErrorStream().readAllBytes(), StandardCharsets.UTF_8).trim();
            assertThat(err).isEqualTo("tripline stack: port " + taken.getLocalPort() + " is already in use");
        }
    }

    @Test
    void shouldPrintUsageAndExit2OnAnUnknownArgument() throws Exception {
        Process stack = launch("--kafka-prot", "9092");
        assertThat(stack.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(stack.exitValue()).isEqualTo(2);
        String err = new String(stack.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(err).contains("unknown argument '--kafka-prot'").contains(StackMain.USAGE);
    }

    @Test
    void shouldMakeTheLauncherPrintUsageAndExit2OnAnUnknownCommand() throws Exception {
        Process script = new ProcessBuilder("bash", Path.of("..", "tripline").toString(), "frobnicate").start();
        assertThat(script.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(script.exitValue()).isEqualTo(2);
        String err = new String(script.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(err).contains("unknown command 'frobnicate'").contains("usage: tripline <command>");
        assertThat(script.getInputStream().readAllBytes()).isEmpty();
    }

    private static Process launch(String... args) throws IOException {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                // the CLI's own logging setup (stderr, warnings only), not the tests' console logger
                "-Dlog4j2.configurationFile=classpath:log4j2.xml",
                "-cp", System.getProperty("java.class.path"), StackMain.class.getName()));
        command.addAll(List.of(args));
        return new ProcessBuilder(command).start();
    }

    private static BlockingQueue<String> lines(Process process) {
        BlockingQueue<String> lines = new LinkedBlockingQueue<>();
        Thread reader = new Thread(() -> {
            try (BufferedReader in = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                String line;
                while ((line = in.readLine()) != null) {
                    lines.add(line);
                }
            } catch (IOException ignored) {
                // the process ended
            }
        }, "stack-stdout");
        reader.setDaemon(true);
        reader.start();
        return lines;
    }
}
