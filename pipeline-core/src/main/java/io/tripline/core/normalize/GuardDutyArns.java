package io.tripline.core.normalize;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The one identity of a GuardDuty finding: its finding ARN in canonical form. GuardDuty's own record
 * and Security Hub's copy (whose ASFF Id is that ARN, sometimes written with an empty partition as in
 * AWS's documentation sample) must produce the same string, so both go through {@link #canonical}.
 */
public final class GuardDutyArns {

    private static final Pattern FINDING_ARN = Pattern.compile(
            "^arn:([a-z-]*):(?::)?guardduty:([a-z0-9-]+):(\\d{12}):detector/([^/]+)/finding/([^/]+)$");

    private GuardDutyArns() {
    }

    public static String of(String partition, String region, String accountId, String detectorId, String findingId) {
        String p = partition == null || partition.isBlank() ? "aws" : partition;
        return "arn:" + p + ":guardduty:" + region + ":" + accountId + ":detector/" + detectorId + "/finding/" + findingId;
    }

    /** The canonical ARN if {@code text} is a GuardDuty finding ARN in any of its written forms. */
    public static Optional<String> canonical(String text) {
        if (text == null) {
            return Optional.empty();
        }
        Matcher m = FINDING_ARN.matcher(text.trim());
        if (!m.matches()) {
            return Optional.empty();
        }
        return Optional.of(of(m.group(1), m.group(2), m.group(3), m.group(4), m.group(5)));
    }

    /** The finding id at the end of a GuardDuty finding ARN. */
    public static Optional<String> findingId(String arn) {
        return canonical(arn).map(a -> a.substring(a.lastIndexOf('/') + 1));
    }
}
