package io.tripline.simulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The CLI as a user runs it: a child JVM per case, exit codes and the ready line. */
class SimulatorMainIT {

    @Test
    void shouldRejectBadArgumentsWithUsageAndExitCodeTwo() throws Exception {
        Process p = launch("--port", "notaport");
        assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).isEqualTo(2);
        assertThat(new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8)).contains("usage: aws-simulator");
    }

    @Test
    void shouldNameTheTakenPortAndExitWithOne() throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            Process p = launch("--port", Integer.toString(taken.getLocalPort()));
            assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
            assertThat(p.exitValue()).isEqualTo(1);
            String err = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8).trim();
            assertThat(err).isEqualTo("aws-simulator: port " + taken.getLocalPort() + " is already in use");
        }
    }

    @Test
    void shouldPrintTheReadyLineAndServeUntilStopped() throws Exception {
        Process p = launch("--port", "0", "--seed", "3", "--speed", "60", "--scenario", "data-exposure");
        try (BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
            String line = out.readLine();
            assertThat(line).matches("aws-simulator: http://127\\.0\\.0\\.1:\\d+");
        } finally {
            p.destroy(); // SIGTERM runs the shutdown hook, as SIGINT does
            assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
        }
    }

    @Test
    void shouldParseEveryFlagIntoOptions() {
        SimulatorOptions o = SimulatorMain.parse(new String[] {"--port", "4567", "--scenario", "ssh-brute-force",
                "--speed", "10", "--seed", "42", "--enforce-limits"});
        assertThat(o.port()).isEqualTo(4567);
        assertThat(o.scenario()).isEqualTo("ssh-brute-force");
        assertThat(o.speed()).isEqualTo(10.0);
        assertThat(o.seed()).isEqualTo(42L);
        assertThat(o.enforceLimits()).isTrue();
        assertThatThrownBy(() -> SimulatorMain.parse(new String[] {"--speed", "-1"})).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> SimulatorMain.parse(new String[] {"--bogus"})).isInstanceOf(IllegalArgumentException.class);
    }

    private static Process launch(String... args) throws Exception {
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        List<String> command = new java.util.ArrayList<>(List.of(java.toString(), "-cp", System.getProperty("java.class.path"),
                SimulatorMain.class.getName()));
        command.addAll(List.of(args));
        return new ProcessBuilder(command).start();
    }
}
