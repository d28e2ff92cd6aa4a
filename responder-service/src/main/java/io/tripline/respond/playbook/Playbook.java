package io.tripline.respond.playbook;

import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.annotation.JsonFormat;
import com.fasterxml.jackson.annotation.JsonIgnore;

import io.tripline.schema.v1.ActionMode;

/**
 * A playbook as written in YAML: a name, one or more match rules (any may match), the actions to take
 * in order and the mode. Setters validate so that the YAML reader can report file and line.
 */
public class Playbook {

    private String name;
    private String description;
    private ActionMode mode = ActionMode.DRY_RUN;
    private List<MatchRule> match = new ArrayList<>();
    private List<String> actions = new ArrayList<>();
    private String source;

    public boolean matches(IncidentFacts facts) {
        return match.stream().anyMatch(rule -> rule.matches(facts));
    }

    public String getName() {
        return name;
    }

    public void setName(String name) {
        if (name == null || !name.matches("[A-Za-z0-9._-]+")) {
            throw new IllegalArgumentException("name must be letters, digits, '.', '_' or '-', got '" + name + "'");
        }
        this.name = name;
    }

    public String getDescription() {
        return description;
    }

    public void setDescription(String description) {
        this.description = description;
    }

    @JsonIgnore
    public ActionMode mode() {
        return mode;
    }

    public void setMode(String mode) {
        this.mode = Modes.parse(mode);
    }

    public List<MatchRule> getMatch() {
        return match;
    }

    @JsonFormat(with = JsonFormat.Feature.ACCEPT_SINGLE_VALUE_AS_ARRAY)
    public void setMatch(List<MatchRule> match) {
        this.match = match;
    }

    public List<String> getActions() {
        return actions;
    }

    public void setActions(List<String> actions) {
        for (String action : actions) {
            if (!ActionTypes.ALL.contains(action)) {
                throw new IllegalArgumentException("unknown action '" + action + "' (known: " + ActionTypes.ALL + ")");
            }
        }
        this.actions = actions;
    }

    /** Where the playbook was read from, for log lines and records. */
    @JsonIgnore
    public String source() {
        return source;
    }

    void source(String value) {
        this.source = value;
    }
}
