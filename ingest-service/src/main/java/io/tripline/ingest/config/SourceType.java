package io.tripline.ingest.config;

import java.util.Locale;
import java.util.Optional;

/** The five ways signals come in; the names are what {@code accounts[n].sources} lists. */
public enum SourceType {
    GUARDDUTY, SECURITYHUB, CLOUDTRAIL, S3, EVENTBRIDGE;

    /** The lower-case configuration and cursor name. */
    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Optional<SourceType> parse(String text) {
        if (text == null) {
            return Optional.empty();
        }
        for (SourceType type : values()) {
            if (type.id().equals(text.trim().toLowerCase(Locale.ROOT))) {
                return Optional.of(type);
            }
        }
        return Optional.empty();
    }
}
