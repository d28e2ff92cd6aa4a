package io.tripline.core.topic;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

/** docs/topics.md, the SIEM contract, describes every declared topic as it is really created. */
class TopicsDocTest {

    private static final Path PAGE = Path.of("..", "docs", "topics.md");

    @Test
    void shouldDescribeEveryDeclaredTopicWithItsCleanupPolicyAndPartitions() throws IOException {
        List<String> lines = Files.readAllLines(PAGE);
        List<String> problems = new ArrayList<>();
        for (Topic<?, ?> topic : Stream.concat(Topics.all().stream(), Stream.of(Topics.SCHEMAS)).toList()) {
            String row = lines.stream().filter(l -> l.startsWith("| `" + topic.name() + "` |")).findFirst().orElse(null);
            if (row == null) {
                problems.add(topic.name() + ": no row in the table");
                continue;
            }
            String[] cells = row.split("\\|");
            String cleanup = cells[4].trim();
            String partitions = cells[6].trim();
            if (!cleanup.equals(topic.cleanup().value())) {
                problems.add(topic.name() + ": page says cleanup " + cleanup + ", code says " + topic.cleanup().value());
            }
            if (!partitions.equals(String.valueOf(topic.partitions()))) {
                problems.add(topic.name() + ": page says " + partitions + " partitions, code says " + topic.partitions());
            }
            if (lines.stream().noneMatch(l -> l.equals("## `" + topic.name() + "`"))) {
                problems.add(topic.name() + ": no section");
            }
        }
        assertThat(problems).isEmpty();
    }
}
