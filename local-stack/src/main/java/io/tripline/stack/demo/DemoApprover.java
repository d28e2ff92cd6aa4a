package io.tripline.stack.demo;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.HashSet;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;

import io.tripline.core.normalize.Json;

/**
 * The demo's operator: approves actions that wait for approval through the responder's real approvals
 * API, with the bearer token, so the demo shows the approval path rather than skipping it.
 */
final class DemoApprover {

    private final String baseUrl;
    private final String token;
    private final String actor;
    private final DemoNarrator narrator;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private final Set<String> approved = new HashSet<>();

    DemoApprover(String baseUrl, String token, String actor, DemoNarrator narrator) {
        this.baseUrl = baseUrl;
        this.token = token;
        this.actor = actor;
        this.narrator = narrator;
    }

    void approvePending() {
        JsonNode pending;
        try {
            pending = Json.parse(send(HttpRequest.newBuilder(URI.create(baseUrl + "/actions")).GET()));
        } catch (IOException | RuntimeException notUpYet) {
            return;
        }
        for (JsonNode action : pending) {
            String id = action.path("actionId").asText();
            if (approved.contains(id) || !"PROPOSED".equals(action.path("state").asText())
                    && !"HELD".equals(action.path("state").asText())) {
                continue;
            }
            try {
                send(HttpRequest.newBuilder(URI.create(baseUrl + "/actions/" + id + "/approve"))
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString("{\"actor\":\"" + actor + "\"}")));
                approved.add(id);
                narrator.line("approve", action.path("actionType").asText() + " " + action.path("target").asText()
                        + " approved by " + actor + " via the approvals API");
            } catch (IOException | RuntimeException e) {
                narrator.line("approve", "could not approve " + id + ": " + e.getMessage());
            }
        }
    }

    private String send(HttpRequest.Builder request) throws IOException {
        try {
            HttpResponse<String> response = http.send(request.header("Authorization", "Bearer " + token)
                    .timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() >= 300) {
                throw new IOException("HTTP " + response.statusCode() + ": " + response.body());
            }
            return response.body();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        }
    }
}
