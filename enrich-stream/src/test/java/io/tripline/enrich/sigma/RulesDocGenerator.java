package io.tripline.enrich.sigma;

import java.util.Comparator;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Renders docs/rules.md from the classpath rule pack, so the page cannot drift from the YAML.
 * Test-scoped on purpose: production code never needs Markdown.
 */
final class RulesDocGenerator {

    private static final String SEMANTICS = """
            ## How rules are evaluated

            - **Fields** are dotted paths into the CloudTrail record (`requestParameters.policyDocument`); a step \
            that meets an array applies to every element, and the field matches if any element does.
            - **Strings** compare case-insensitively (`|cased` for exact case); `*` and `?` are wildcards, `\\` \
            escapes them. Numbers compare numerically, booleans by their JSON spelling. `field: null` means \
            absent or null. `|exists`, `|fieldref` (optionally with contains/startswith/endswith), `|cidr` \
            (IPv4/IPv6), `|re` (with `i`, `m`, `s`), `|lt`/`|lte`/`|gt`/`|gte`, `|base64`, `|base64offset`, \
            `|windash`, `|expand` and `|all` follow the Sigma specification; `|wide`/`|utf16*` skip the rule.
            - **Keyword lists** are substring searches over every string value of the record.
            - **Cost per record** does not grow with the number of rules: each rule is filed under the values it requires of `eventName`, else `eventSource`, else `userIdentity.type`, else `userAgent`, and a record is evaluated only against the rules filed under its own values (plus any rule that requires none of them). When those candidate rules read only fields the normalized record carries typed (event name and source, region, caller type, ARN, account and key, session issuer type, source IP, user agent, error code and message, event type), they are evaluated on those and the raw JSON is not parsed; otherwise it is parsed into only the fields the loaded rules read (the whole record when a rule has a keyword list).
            - **Placeholders** (`|expand`, `%Name%`) come from the loader's configuration map; a rule whose \
            placeholder has no value is skipped and reported with the placeholder's name.
            - **Correlations** run in event time. The state per (correlation, group key) keeps matches within \
            `timespan` of the newest event of the group, sorted by event time, so arrival order inside the \
            timespan does not change whether a window fires; older arrivals are dropped as late. A hit fires \
            once when the condition first holds; its evidence events are consumed, so the next hit needs the \
            condition to hold again on later events (12 failures with `gte: 5` give 2 hits). Only `gt`, `gte` \
            and `eq` conditions are supported; base rules referenced with `generate: false` do not raise \
            detections on their own.
            - **Repeated hits** of a single-event rule on the same entity (the detection's principal, session, \
            key or IP) within a window of event time either side of the newest one published are counted, \
            not published: by default `informational` and `low` rules for an hour, every hit of the other \
            levels. Set per level with `tripline.enrich.suppress.<level>=<duration>` (env \
            `TRIPLINE_ENRICH_SUPPRESS_<LEVEL>`) and per rule with `tripline.enrich.suppress.rule.<rule id>`; \
            `0s` publishes every hit. Low rules such as SigmaHQ's "AWS STS AssumeRole Misuse" match most calls \
            an assumed role makes, so published per call they would be most of `tripline.detections`. The \
            state is per partition of `tripline.raw.cloudtrail` (a changelogged store, kept two windows): with \
            P partitions a rule and entity publish at most P times per window. The Kafka Streams metric \
            `suppressed-detections-total` (group `stream-sigma-metrics`) counts what was held back; `tripline \
            replay` applies the same settings (from `--enrich-config`) and prints the count, and `--all-hits` \
            publishes every hit. Correlation rules are never suppressed, and their base rules still see every \
            event.

            """;

    private RulesDocGenerator() {
    }

    static String render(RuleSet pack) {
        StringBuilder md = new StringBuilder();
        md.append("# Tripline detection rules\n\n")
                .append("<!-- Generated from enrich-stream/src/main/resources/rules by RulesDocGenerator; ")
                .append("SigmaRulesDocTest fails when this page is stale. Regenerate with\n")
                .append("     mvn -pl enrich-stream test -Dtest=SigmaRulesDocTest -Dtripline.updateRulesDoc=true -->\n\n")
                .append("Tripline's rules are [Sigma](https://sigmahq.io) rules for AWS CloudTrail. The engine ")
                .append("(`io.tripline.enrich.sigma`) also loads SigmaHQ's AWS rules unmodified and any extra ")
                .append("directory of Sigma YAML. Correlation rules are evaluated in event time; see ")
                .append("`CorrelationEvaluator` for the exact window semantics.\n\n")
                .append(SEMANTICS)
                .append("Pack: ").append(pack.rules().size()).append(" detection rules, ")
                .append(pack.correlations().size()).append(" correlation rules.\n\n");
        List<SigmaRule> rules = pack.rules().stream()
                .sorted(Comparator.comparing(SigmaRule::source).thenComparing(SigmaRule::title)).toList();
        for (SigmaRule r : rules) {
            md.append("## ").append(r.title()).append("\n\n")
                    .append("| | |\n|---|---|\n")
                    .append("| id | `").append(r.id()).append("` |\n")
                    .append("| level | ").append(r.level()).append(" |\n")
                    .append("| status | ").append(r.status()).append(" |\n")
                    .append("| ATT&CK techniques | ").append(String.join(", ", r.attackTechniques())).append(" |\n")
                    .append("| ATT&CK tactics | ").append(String.join(", ", r.attackTactics())).append(" |\n")
                    .append("| file | `").append(r.source().replace("classpath:", "")).append("` |\n");
            List<String> correlations = pack.correlations().stream().filter(c -> c.references(r))
                    .map(CorrelationRule::title).toList();
            if (!correlations.isEmpty()) {
                md.append("| aggregated by | ").append(String.join("; ", correlations)).append(" |\n");
            }
            md.append("\n**Intent.** ").append(r.description().strip()).append("\n\n");
            appendFalsePositives(md, r.falsePositives());
        }
        for (CorrelationRule c : pack.correlations().stream()
                .sorted(Comparator.comparing(CorrelationRule::source).thenComparing(CorrelationRule::title)).toList()) {
            List<String> techniques = c.tags().stream().filter(t -> t.matches("attack\\.t\\d{4}.*"))
                    .map(t -> t.substring("attack.".length()).toUpperCase(java.util.Locale.ROOT)).toList();
            List<String> tactics = c.tags().stream().filter(t -> t.startsWith("attack.") && !t.matches("attack\\.[tgs]\\d{4}.*"))
                    .map(t -> t.substring("attack.".length())).toList();
            md.append("## ").append(c.title()).append(" (correlation)\n\n")
                    .append("| | |\n|---|---|\n")
                    .append("| id | `").append(c.id()).append("` |\n")
                    .append("| level | ").append(c.level()).append(" |\n")
                    .append("| status | ").append(c.status()).append(" |\n")
                    .append("| ATT&CK techniques | ").append(String.join(", ", techniques)).append(" |\n")
                    .append("| ATT&CK tactics | ").append(String.join(", ", tactics)).append(" |\n")
                    .append("| type | ").append(c.type().name().toLowerCase(java.util.Locale.ROOT)).append(" |\n")
                    .append("| rules | ").append(String.join(", ", c.rules())).append(" |\n")
                    .append("| group-by | ").append(String.join(", ", c.groupBy())).append(" |\n")
                    .append("| timespan | ").append(c.timespan()).append(" |\n")
                    .append("| condition | ")
                    .append(c.valueField() == null ? "" : "distinct `" + c.valueField() + "` ")
                    .append(c.conditionOperator()).append(' ').append(c.threshold()).append(" |\n")
                    .append("| file | `").append(c.source().replace("classpath:", "")).append("` |\n")
                    .append("\n**Intent.** ").append(c.description().strip()).append("\n\n");
            appendFalsePositives(md, c.falsePositives());
        }
        return md.toString();
    }

    private static void appendFalsePositives(StringBuilder md, List<String> falsePositives) {
        md.append("**False positives.**\n\n")
                .append(falsePositives.stream().map(f -> "- " + f.strip()).collect(Collectors.joining("\n")))
                .append("\n\n");
    }
}
