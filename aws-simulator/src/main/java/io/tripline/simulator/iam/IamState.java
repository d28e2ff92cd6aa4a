package io.tripline.simulator.iam;

import com.fasterxml.jackson.annotation.JsonIgnore;
import io.tripline.simulator.core.AwsError;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The IAM users and roles of one account (IAM is global: one state per account). Public fields keep it
 * Jackson-serialisable for the control API; secrets are never dumped.
 */
public final class IamState {

    /** An access key; only its metadata is ever listed, the secret is returned once by CreateAccessKey. */
    public static final class AccessKey {
        public String accessKeyId;
        @JsonIgnore
        public String secretAccessKey;
        public volatile String status = "Active";
        public Instant createDate;
    }

    /** An IAM user. */
    public static final class User {
        public String userName;
        public String userId;
        public String arn;
        public String path = "/";
        public Instant createDate;
        public boolean mfa;
        public final Map<String, String> tags = new ConcurrentSkipListMap<>();
        public final List<AccessKey> accessKeys = new CopyOnWriteArrayList<>();
        public final List<String> attachedPolicies = new CopyOnWriteArrayList<>();
        public final Map<String, String> inlinePolicies = new ConcurrentSkipListMap<>();
    }

    /** An IAM role. */
    public static final class Role {
        public String roleName;
        public String roleId;
        public String arn;
        public String path = "/";
        public Instant createDate;
        public String assumeRolePolicyDocument;
        public final Map<String, String> tags = new ConcurrentSkipListMap<>();
        public final List<String> attachedPolicies = new CopyOnWriteArrayList<>();
        public final Map<String, String> inlinePolicies = new ConcurrentSkipListMap<>();
    }

    public final String accountId;
    public final Map<String, User> users = new ConcurrentSkipListMap<>();
    public final Map<String, Role> roles = new ConcurrentSkipListMap<>();

    public IamState(String accountId) {
        this.accountId = accountId;
    }

    public User user(String name) {
        User user = name == null ? null : users.get(name);
        if (user == null) {
            throw AwsError.notFound("NoSuchEntity", "The user with name " + name + " cannot be found.");
        }
        return user;
    }

    public Role role(String name) {
        Role role = name == null ? null : roles.get(name);
        if (role == null) {
            throw AwsError.notFound("NoSuchEntity", "The role with name " + name + " cannot be found.");
        }
        return role;
    }

    /** The key with this id of any user here, or null. */
    public AccessKey findKey(String accessKeyId) {
        for (User user : users.values()) {
            for (AccessKey key : user.accessKeys) {
                if (key.accessKeyId.equals(accessKeyId)) {
                    return key;
                }
            }
        }
        return null;
    }
}
