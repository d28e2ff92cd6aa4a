package io.tripline.enrich.attack;

import java.util.Locale;
import java.util.Optional;

/**
 * The MITRE ATT&CK Enterprise tactics in kill-chain order, so incidents can list tactics in the order an
 * attack progresses and score a chain that moves forward.
 */
public enum Tactic {
    RECONNAISSANCE("TA0043", "Reconnaissance"),
    RESOURCE_DEVELOPMENT("TA0042", "Resource Development"),
    INITIAL_ACCESS("TA0001", "Initial Access"),
    EXECUTION("TA0002", "Execution"),
    PERSISTENCE("TA0003", "Persistence"),
    PRIVILEGE_ESCALATION("TA0004", "Privilege Escalation"),
    DEFENSE_EVASION("TA0005", "Defense Evasion"),
    CREDENTIAL_ACCESS("TA0006", "Credential Access"),
    DISCOVERY("TA0007", "Discovery"),
    LATERAL_MOVEMENT("TA0008", "Lateral Movement"),
    COLLECTION("TA0009", "Collection"),
    COMMAND_AND_CONTROL("TA0011", "Command and Control"),
    EXFILTRATION("TA0010", "Exfiltration"),
    IMPACT("TA0040", "Impact");

    private final String uid;
    private final String title;

    Tactic(String uid, String title) {
        this.uid = uid;
        this.title = title;
    }

    public String uid() {
        return uid;
    }

    public String title() {
        return title;
    }

    /**
     * A tactic from any of the spellings in use: Sigma tags ({@code initial-access}, {@code initial_access}),
     * ASFF type segments ({@code Initial Access}), GuardDuty threat purposes ({@code InitialAccess}), and
     * ATT&CK's newer {@code stealth} for defense evasion.
     */
    public static Optional<Tactic> parse(String text) {
        if (text == null) {
            return Optional.empty();
        }
        String key = text.trim().toLowerCase(Locale.ROOT).replaceAll("[^a-z]", "");
        for (Tactic tactic : values()) {
            if (tactic.name().toLowerCase(Locale.ROOT).replace("_", "").equals(key)) {
                return Optional.of(tactic);
            }
        }
        return switch (key) {
            case "stealth" -> Optional.of(DEFENSE_EVASION);
            case "recon" -> Optional.of(RECONNAISSANCE);
            default -> Optional.empty();
        };
    }
}
