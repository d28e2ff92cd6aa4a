package io.tripline.respond.playbook;

/** An invalid playbook: the message names the file, the line and the reason. */
public class PlaybookException extends RuntimeException {

    public PlaybookException(String file, int line, String reason, Throwable cause) {
        super("invalid playbook " + file + (line > 0 ? ":" + line : "") + ": " + reason, cause);
    }
}
