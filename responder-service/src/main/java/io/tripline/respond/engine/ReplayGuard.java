package io.tripline.respond.engine;

import org.apache.kafka.common.header.Headers;

import io.tripline.core.topic.Topics;

/**
 * Recognises records that come from a replay — a {@code tripline.replay} header, or a topic that is
 * not a production topic once the configured test prefix is removed (investigation topics) — which the
 * responder must never act on: replaying history must not quarantine today's instances.
 */
public final class ReplayGuard {

    public static final String HEADER = "tripline.replay";

    private ReplayGuard() {
    }

    public static boolean isReplay(String topic, Headers headers, String prefix) {
        if (headers != null && headers.lastHeader(HEADER) != null) {
            return true;
        }
        String name = prefix != null && !prefix.isEmpty() && topic.startsWith(prefix) ? topic.substring(prefix.length()) : topic;
        boolean investigationPrefix = prefix != null && prefix.startsWith("tripline.investigation.");
        return investigationPrefix || !Topics.isProductionTopic(name);
    }
}
