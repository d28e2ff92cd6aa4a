package io.tripline.enrich.sigma;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * A loaded, compiled Sigma detection rule: its metadata as written in the YAML plus the compiled
 * detection. Immutable and thread-safe; {@link #matches(JsonNode)} evaluates one CloudTrail record.
 */
public final class SigmaRule {

    private static final Pattern TECHNIQUE = Pattern.compile("attack\\.(t\\d{4}(\\.\\d{3})?)", Pattern.CASE_INSENSITIVE);
    private static final Pattern NON_TACTIC = Pattern.compile("attack\\.([tgs]\\d{4}(\\.\\d{3})?)", Pattern.CASE_INSENSITIVE);

    private final RuleMetadata meta;
    private final Detection detection;

    SigmaRule(RuleMetadata meta, Detection detection) {
        this.meta = meta;
        this.detection = detection;
    }

    /** Rule id (a UUID in well-formed rules). */
    public String id() {
        return meta.id();
    }

    /** The optional {@code name} correlation rules may use to refer to this rule. */
    public String name() {
        return meta.name();
    }

    public String title() {
        return meta.title();
    }

    /** informational, low, medium, high or critical (lower-case, as in Sigma). */
    public String level() {
        return meta.level();
    }

    public String status() {
        return meta.status();
    }

    public String description() {
        return meta.description();
    }

    public String author() {
        return meta.author();
    }

    public String date() {
        return meta.date();
    }

    public List<String> tags() {
        return meta.tags();
    }

    public List<String> falsePositives() {
        return meta.falsePositives();
    }

    public List<String> references() {
        return meta.references();
    }

    /** product/service/category of the {@code logsource} section. */
    public Map<String, String> logsource() {
        return meta.logsource();
    }

    /** Where the rule was loaded from (file, classpath resource or corpus line). */
    public String source() {
        return meta.source();
    }

    /** ATT&amp;CK technique ids from the tags, upper-cased: {@code attack.t1078.004} gives {@code T1078.004}. */
    public List<String> attackTechniques() {
        List<String> out = new ArrayList<>();
        for (String tag : meta.tags()) {
            var m = TECHNIQUE.matcher(tag);
            if (m.matches()) {
                out.add(m.group(1).toUpperCase(Locale.ROOT));
            }
        }
        return out;
    }

    /** ATT&amp;CK tactics from the tags, as written: {@code attack.defense-evasion} gives {@code defense-evasion}. */
    public List<String> attackTactics() {
        List<String> out = new ArrayList<>();
        for (String tag : meta.tags()) {
            String lower = tag.toLowerCase(Locale.ROOT);
            if (lower.startsWith("attack.") && !NON_TACTIC.matcher(lower).matches()) {
                out.add(lower.substring("attack.".length()));
            }
        }
        return out;
    }

    /** Whether the record satisfies the rule's detection. */
    public boolean matches(JsonNode event) {
        return detection.matches(event);
    }

    /** Adds the fields the rule reads; false if it reads every value of the event (a keyword search). */
    boolean fields(java.util.Set<String> out) {
        return detection.fields(out);
    }

    Detection detection() {
        return detection;
    }

    @Override
    public String toString() {
        return id() + " (" + title() + ")";
    }
}
