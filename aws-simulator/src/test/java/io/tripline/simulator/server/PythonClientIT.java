package io.tripline.simulator.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.tripline.simulator.AwsSimulator;
import io.tripline.simulator.SimulatorOptions;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A client that shares no code with the Java SDK: python3's standard library with hand-computed SigV4
 * headers calls GuardDuty ListDetectors and STS GetCallerIdentity. Skipped when python3 is absent.
 */
class PythonClientIT {

    private static final String SCRIPT = String.join("\n",
            "import datetime, hashlib, hmac, json, sys, urllib.request",
            "endpoint, key = sys.argv[1], 'AKIAPYTHONCLIENT0001'",
            "def sign(k, m): return hmac.new(k, m.encode(), hashlib.sha256).digest()",
            "def call(method, service, path, body, headers):",
            "    now = datetime.datetime.utcnow(); amzdate = now.strftime('%Y%m%dT%H%M%SZ'); day = now.strftime('%Y%m%d')",
            "    host = endpoint.split('://')[1]",
            "    payload = hashlib.sha256(body.encode()).hexdigest()",
            "    hdrs = dict(headers, host=host); hdrs['x-amz-date'] = amzdate; hdrs['x-amz-content-sha256'] = payload",
            "    signed = ';'.join(sorted(hdrs))",
            "    canonical = '\\n'.join([method, path, '', ''.join(f'{h}:{hdrs[h]}\\n' for h in sorted(hdrs)), signed, payload])",
            "    scope = f'{day}/us-east-1/{service}/aws4_request'",
            "    to_sign = '\\n'.join(['AWS4-HMAC-SHA256', amzdate, scope, hashlib.sha256(canonical.encode()).hexdigest()])",
            "    k = sign(sign(sign(sign(('AWS4' + 'secret').encode(), day), 'us-east-1'), service), 'aws4_request')",
            "    sig = hmac.new(k, to_sign.encode(), hashlib.sha256).hexdigest()",
            "    hdrs['Authorization'] = f'AWS4-HMAC-SHA256 Credential={key}/{scope}, SignedHeaders={signed}, Signature={sig}'",
            "    del hdrs['host']",
            "    req = urllib.request.Request(endpoint + path, data=body.encode() if body else None, headers=hdrs, method=method)",
            "    with urllib.request.urlopen(req) as r: return r.read().decode()",
            "detectors = json.loads(call('GET', 'guardduty', '/detector', '', {}))",
            "print('detectors=' + json.dumps(detectors['detectorIds']))",
            "ident = call('POST', 'sts', '/', 'Action=GetCallerIdentity&Version=2011-06-15',",
            "             {'content-type': 'application/x-www-form-urlencoded; charset=utf-8'})",
            "print('account=' + ident.split('<Account>')[1].split('</Account>')[0])");

    private static AwsSimulator simulator;

    @BeforeAll
    static void start() {
        simulator = AwsSimulator.start(SimulatorOptions.defaults());
    }

    @AfterAll
    static void stop() {
        simulator.close();
    }

    @Test
    void shouldServeAStandardLibraryPythonClientSigningByHand() throws Exception {
        assumeTrue(python3Available(), "python3 is not installed: skipping the independent-client check");
        Path script = Files.createTempFile("sigv4-client", ".py");
        Files.writeString(script, SCRIPT);
        Process process = new ProcessBuilder("python3", script.toString(), simulator.endpoint().toString())
                .redirectErrorStream(true).start();
        assertThat(process.waitFor(30, TimeUnit.SECONDS)).isTrue();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        Files.deleteIfExists(script);
        assertThat(process.exitValue()).as(output).isZero();
        assertThat(output).contains("detectors=[]").contains("account=123456789012");
    }

    private static boolean python3Available() {
        try {
            Process p = new ProcessBuilder("python3", "--version").redirectErrorStream(true).start();
            return p.waitFor(10, TimeUnit.SECONDS) && p.exitValue() == 0;
        } catch (java.io.IOException | InterruptedException e) {
            return false;
        }
    }
}
