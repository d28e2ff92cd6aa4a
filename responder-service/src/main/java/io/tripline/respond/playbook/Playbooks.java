package io.tripline.respond.playbook;

import java.util.List;

/** The loaded playbooks, in the order of the configured locations. */
public record Playbooks(List<Playbook> all) {
}
