package io.tripline.respond.engine;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

import io.tripline.respond.action.ActionHandler;
import io.tripline.respond.aws.AccountClients;
import io.tripline.respond.config.RespondConfig;
import jakarta.inject.Singleton;

/**
 * Decides whether a target may be touched at all: accounts and resources on the allowlists and
 * resources carrying the exempt tag ({@code tripline:exempt=true} by default) are recorded EXEMPT and
 * left alone — checked on the live resource's tags and on the tags its findings carried.
 */
@Singleton
public class SafetyGates {

    private final RespondConfig config;

    public SafetyGates(RespondConfig config) {
        this.config = config;
    }

    /** The reason the target is exempt, or empty when it may be acted on. */
    public Optional<String> exemption(ActionHandler handler, AccountClients aws, String accountId, String target,
                                      Map<String, String> findingTags) {
        if (accountId != null && config.getAllowlistAccounts().contains(accountId)) {
            return Optional.of("account " + accountId + " is on tripline.respond.allowlist-accounts");
        }
        if (matchesAny(config.getAllowlistResources(), target)) {
            return Optional.of("resource " + target + " is on tripline.respond.allowlist-resources");
        }
        String[] tag = config.getExemptTag().split("=", 2);
        if (tag[1].equalsIgnoreCase(findingTags.get(tag[0]))) {
            return Optional.of("the finding's resource carries " + config.getExemptTag());
        }
        if (aws != null && tag[1].equalsIgnoreCase(handler.targetTags(aws, target).get(tag[0]))) {
            return Optional.of(target + " is tagged " + config.getExemptTag());
        }
        return Optional.empty();
    }

    static boolean matchesAny(List<String> globs, String value) {
        return globs.stream().anyMatch(g -> Pattern.compile(
                Pattern.quote(g).replace("*", "\\E.*\\Q")).matcher(value).matches());
    }
}
