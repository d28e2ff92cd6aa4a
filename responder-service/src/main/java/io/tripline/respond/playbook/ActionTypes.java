package io.tripline.respond.playbook;

import java.util.List;

/** The action types a playbook may list; each has one handler in {@code io.tripline.respond.action}. */
public final class ActionTypes {

    public static final String QUARANTINE_INSTANCE = "quarantine-instance";
    public static final String SNAPSHOT_VOLUMES = "snapshot-volumes";
    public static final String DISABLE_ACCESS_KEY = "disable-access-key";
    public static final String REVOKE_ROLE_SESSIONS = "revoke-role-sessions";
    public static final String BLOCK_S3_PUBLIC_ACCESS = "block-s3-public-access";
    public static final String NOTIFY = "notify";

    public static final List<String> ALL = List.of(QUARANTINE_INSTANCE, SNAPSHOT_VOLUMES, DISABLE_ACCESS_KEY,
            REVOKE_ROLE_SESSIONS, BLOCK_S3_PUBLIC_ACCESS, NOTIFY);

    private ActionTypes() {
    }
}
