package io.tripline.simulator.scenario;

/**
 * Progress of the scenario being played, as {@code GET /_tripline/scenario/status} reports it.
 *
 * @param name          scenario name, null when none was loaded
 * @param state         IDLE, RUNNING, DONE, STOPPED or FAILED
 * @param signalsTotal  signals in the expanded timeline
 * @param signalsPlayed signals published so far
 * @param startedAt     simulated start instant (ISO-8601), null before start
 * @param error         why it failed, null otherwise
 */
public record ScenarioStatus(String name, String state, int signalsTotal, int signalsPlayed, String startedAt,
                             String error) {

    public static final ScenarioStatus IDLE = new ScenarioStatus(null, "IDLE", 0, 0, null, null);

    public boolean finished() {
        return "DONE".equals(state) || "FAILED".equals(state) || "STOPPED".equals(state);
    }
}
