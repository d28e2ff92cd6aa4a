package io.tripline.respond.playbook;

import java.util.Locale;

import io.tripline.schema.v1.ActionMode;

/**
 * The three modes as written in configuration and playbooks ({@code dry-run}, {@code approve},
 * {@code auto}) and how the global mode caps a playbook's: the stricter of the two wins, so a
 * dry-run deployment never acts whatever its playbooks say.
 */
public final class Modes {

    private Modes() {
    }

    public static ActionMode parse(String text) {
        if (text == null) {
            throw new IllegalArgumentException("mode is required (dry-run, approve or auto)");
        }
        return switch (text.trim().toLowerCase(Locale.ROOT)) {
            case "dry-run", "dry_run", "dryrun" -> ActionMode.DRY_RUN;
            case "approve" -> ActionMode.APPROVE;
            case "auto" -> ActionMode.AUTO;
            default -> throw new IllegalArgumentException("unknown mode '" + text + "' (dry-run, approve or auto)");
        };
    }

    /** The stricter of the deployment's ceiling and the playbook's mode. */
    public static ActionMode effective(ActionMode ceiling, ActionMode playbook) {
        return rank(ceiling) <= rank(playbook) ? ceiling : playbook;
    }

    private static int rank(ActionMode mode) {
        return switch (mode) {
            case AUTO -> 2;
            case APPROVE -> 1;
            default -> 0;
        };
    }

    public static String text(ActionMode mode) {
        return mode == ActionMode.DRY_RUN ? "dry-run" : mode.name().toLowerCase(Locale.ROOT);
    }
}
