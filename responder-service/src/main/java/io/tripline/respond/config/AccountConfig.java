package io.tripline.respond.config;

import io.micronaut.context.annotation.EachProperty;
import io.micronaut.context.annotation.Parameter;

/**
 * One account the responder may act in ({@code tripline.respond.accounts[n]}): the role to assume
 * (with its external id), or — for test environments such as the aws-simulator — static keys. With no
 * accounts configured the default credential chain is used for every account.
 */
@EachProperty(value = "tripline.respond.accounts", list = true)
public class AccountConfig {

    private final int index;
    private String id;
    private String roleArn;
    private String externalId;
    private String accessKeyId;
    private String secretAccessKey;

    public AccountConfig(@Parameter Integer index) {
        this.index = index == null ? 0 : index;
    }

    /** The configuration key of this entry, for error messages. */
    public String key() {
        return "tripline.respond.accounts[" + index + "]";
    }

    public String getId() {
        return id;
    }

    public void setId(String id) {
        this.id = id;
    }

    public String getRoleArn() {
        return roleArn;
    }

    public void setRoleArn(String roleArn) {
        this.roleArn = roleArn;
    }

    public String getExternalId() {
        return externalId;
    }

    public void setExternalId(String externalId) {
        this.externalId = externalId;
    }

    public String getAccessKeyId() {
        return accessKeyId;
    }

    public void setAccessKeyId(String accessKeyId) {
        this.accessKeyId = accessKeyId;
    }

    public String getSecretAccessKey() {
        return secretAccessKey;
    }

    public void setSecretAccessKey(String secretAccessKey) {
        this.secretAccessKey = secretAccessKey;
    }

    @Override
    public String toString() {
        return "AccountConfig{id=" + id + ", roleArn=" + roleArn + "}";
    }
}
