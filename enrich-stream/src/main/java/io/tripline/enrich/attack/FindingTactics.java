package io.tripline.enrich.attack;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * ATT&CK tactics of a finding from its types: ASFF types carry them ({@code TTPs/Initial Access/...}),
 * GuardDuty types start with a threat purpose ({@code UnauthorizedAccess:EC2/SSHBruteForce}) that maps to
 * the tactic GuardDuty's documentation describes for it.
 */
public final class FindingTactics {

    private FindingTactics() {
    }

    public static List<Tactic> of(List<String> types) {
        List<Tactic> out = new ArrayList<>();
        for (String type : types) {
            tactic(type).filter(t -> !out.contains(t)).ifPresent(out::add);
        }
        return out;
    }

    static Optional<Tactic> tactic(String type) {
        if (type == null) {
            return Optional.empty();
        }
        if (type.startsWith("TTPs/")) {
            String[] parts = type.split("/");
            return parts.length > 1 ? Tactic.parse(parts[1]) : Optional.empty();
        }
        int colon = type.indexOf(':');
        String purpose = colon > 0 ? type.substring(0, colon) : type;
        return switch (purpose) {
            case "Backdoor", "Trojan" -> Optional.of(Tactic.COMMAND_AND_CONTROL);
            case "CryptoCurrency", "Impact" -> Optional.of(Tactic.IMPACT);
            case "UnauthorizedAccess" -> Optional.of(Tactic.INITIAL_ACCESS);
            case "Recon" -> Optional.of(Tactic.RECONNAISSANCE);
            case "Stealth" -> Optional.of(Tactic.DEFENSE_EVASION);
            default -> Tactic.parse(purpose);
        };
    }
}
