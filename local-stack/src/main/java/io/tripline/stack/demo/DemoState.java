package io.tripline.stack.demo;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import io.tripline.schema.v1.Detection;
import io.tripline.schema.v1.Incident;
import io.tripline.schema.v1.RemediationAction;

/** What the demo has seen so far on the topics and in the simulator; guarded by its own monitor. */
final class DemoState {

    private final Map<String, Long> signals = new TreeMap<>();
    private final List<Detection> detections = new ArrayList<>();
    private final Map<String, Incident> incidents = new LinkedHashMap<>();
    private final Map<String, RemediationAction> actions = new LinkedHashMap<>();
    private long ocsf;
    private long deadLetters;
    private int notifications;
    private long lastChange = System.nanoTime();

    synchronized void signal(String source) {
        signals.merge(source, 1L, Long::sum);
        touch();
    }

    synchronized void detection(Detection detection) {
        detections.add(detection);
        touch();
    }

    synchronized void incident(Incident incident) {
        incidents.put(incident.getIncidentId(), incident);
        touch();
    }

    synchronized void action(RemediationAction action) {
        actions.put(action.getActionId(), action);
        touch();
    }

    synchronized void ocsf() {
        ocsf++;
    }

    synchronized void deadLetter() {
        deadLetters++;
        touch();
    }

    /** Returns true when the count grew. */
    synchronized boolean notifications(int count) {
        if (count > notifications) {
            notifications = count;
            touch();
            return true;
        }
        return false;
    }

    private void touch() {
        lastChange = System.nanoTime();
    }

    synchronized long quietNanos() {
        return System.nanoTime() - lastChange;
    }

    synchronized Map<String, Long> signals() {
        return new TreeMap<>(signals);
    }

    synchronized List<Detection> detections() {
        return List.copyOf(detections);
    }

    synchronized List<Incident> incidents() {
        return List.copyOf(incidents.values());
    }

    synchronized List<RemediationAction> actions() {
        return List.copyOf(actions.values());
    }

    synchronized long ocsfRecords() {
        return ocsf;
    }

    synchronized long deadLetters() {
        return deadLetters;
    }

    synchronized int notificationCount() {
        return notifications;
    }
}
