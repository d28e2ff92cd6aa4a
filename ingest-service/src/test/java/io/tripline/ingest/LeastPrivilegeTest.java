package io.tripline.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.lang.reflect.Method;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import software.amazon.awssdk.services.cloudtrail.CloudTrailClient;
import software.amazon.awssdk.services.guardduty.GuardDutyClient;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.securityhub.SecurityHubClient;
import software.amazon.awssdk.services.sqs.SqsClient;

/**
 * deploy/iam/ingest-policy.json grants exactly what the ingest code calls: every operation of an SDK
 * client the sources invoke (a method name of that client's interface, paginators counted as their
 * operation), plus sts:AssumeRole for the per-account roles. Nothing else: ingest only reads.
 */
class LeastPrivilegeTest {

    private static final Map<String, Class<?>> CLIENTS = Map.of("guardduty", GuardDutyClient.class,
            "securityhub", SecurityHubClient.class, "cloudtrail", CloudTrailClient.class, "sqs", SqsClient.class,
            "s3", S3Client.class);
    /** Operations whose IAM action is named differently (AWS authorizes batch deletes as DeleteMessage). */
    private static final Map<String, String> ACTIONS = Map.of("sqs:DeleteMessageBatch", "sqs:DeleteMessage");
    private static final Pattern CALL = Pattern.compile("\\.(\\w+)\\(");

    @Test
    void shouldGrantExactlyTheReadOperationsTheCodeCalls() throws IOException {
        Set<String> code = new TreeSet<>();
        try (Stream<Path> files = Files.walk(Path.of("src/main/java"))) {
            for (Path file : files.filter(f -> f.toString().endsWith(".java")).toList()) {
                String text = Files.readString(file);
                Matcher m = CALL.matcher(text);
                while (m.find()) {
                    String method = m.group(1).replaceFirst("Paginator$", "");
                    CLIENTS.forEach((service, client) -> {
                        if (text.contains(client.getSimpleName()) && isOperation(client, method)) {
                            String action = service + ":" + Character.toUpperCase(method.charAt(0)) + method.substring(1);
                            code.add(ACTIONS.getOrDefault(action, action));
                        }
                    });
                }
                if (text.contains("StsAssumeRoleCredentialsProvider")) {
                    code.add("sts:AssumeRole");
                }
            }
        }
        Set<String> granted = new TreeSet<>();
        JsonNode policy = new ObjectMapper().readTree(Path.of("../deploy/iam/ingest-policy.json").toFile());
        for (JsonNode statement : policy.path("Statement")) {
            assertThat(statement.path("Effect").asText()).isEqualTo("Allow");
            statement.path("Action").forEach(a -> granted.add(a.asText()));
        }

        assertThat(code).as("operations found in the sources").contains("guardduty:ListFindings", "cloudtrail:LookupEvents");
        assertThat(granted).isEqualTo(code);
        assertThat(granted).noneMatch(a -> a.endsWith("*"));
    }

    /** A request/response operation of the client interface (not a builder, waiter or utility method). */
    private static boolean isOperation(Class<?> client, String method) {
        for (Method m : client.getMethods()) {
            if (m.getName().equals(method) && m.getReturnType().getSimpleName().endsWith("Response")) {
                return true;
            }
        }
        return false;
    }
}
