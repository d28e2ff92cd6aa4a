package io.tripline.respond;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
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

/**
 * deploy/iam/responder-policy.json grants exactly what the code calls: every SDK operation invoked
 * through {@code AccountClients} ({@code aws.ec2().createSnapshot(...)}), plus the permissions AWS
 * checks implicitly (tag-on-create needs ec2:CreateTags; AssumeRole for member accounts).
 */
class LeastPrivilegeTest {

    private static final Pattern CALL = Pattern.compile("\\.(ec2|iam|s3|sns)\\(\\)\\s*\\.\\s*(\\w+)\\(");
    /** S3 operation names whose IAM action is spelled differently. */
    private static final Map<String, String> S3_ACTIONS = Map.of(
            "GetPublicAccessBlock", "GetBucketPublicAccessBlock",
            "PutPublicAccessBlock", "PutBucketPublicAccessBlock",
            "DeletePublicAccessBlock", "PutBucketPublicAccessBlock");

    @Test
    void shouldGrantExactlyTheOperationsTheCodeCalls() throws IOException {
        Set<String> used = new TreeSet<>();
        Path sources = Path.of("src/main/java");
        try (Stream<Path> files = Files.walk(sources)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".java")).toList()) {
                String code = Files.readString(file);
                Matcher m = CALL.matcher(code);
                while (m.find()) {
                    used.add(iamAction(m.group(1), m.group(2)));
                }
                if (code.contains("tagSpecifications(")) {
                    used.add("ec2:CreateTags");
                }
                if (code.contains("AssumeRoleRequest")) {
                    used.add("sts:AssumeRole");
                }
            }
        }
        Set<String> granted = new TreeSet<>();
        JsonNode policy = new ObjectMapper().readTree(Path.of("../deploy/iam/responder-policy.json").toFile());
        for (JsonNode statement : policy.path("Statement")) {
            assertThat(statement.path("Effect").asText()).isEqualTo("Allow");
            JsonNode actions = statement.path("Action");
            if (actions.isArray()) {
                actions.forEach(a -> granted.add(a.asText()));
            } else {
                granted.add(actions.asText());
            }
        }

        assertThat(used).as("operations found in the code").contains("ec2:CreateSnapshot", "sns:Publish");
        assertThat(granted).noneMatch(a -> a.contains("*"));
        assertThat(granted).isEqualTo(used);
    }

    private static String iamAction(String service, String method) {
        String op = Character.toUpperCase(method.charAt(0)) + method.substring(1).replaceAll("Paginator$", "");
        if ("s3".equals(service)) {
            op = S3_ACTIONS.getOrDefault(op, op);
        }
        return service + ":" + op;
    }
}
