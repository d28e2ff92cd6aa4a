package io.tripline.simulator.fault;

/**
 * One fault-injection rule: for calls to {@code service} (signing name, or {@code *}) and
 * {@code operation} (or {@code *}), answer a throttling error with probability {@code throttleRate},
 * a 5xx internal error with probability {@code errorRate}, and delay every call by {@code latencyMs}.
 */
public record FaultRule(String service, String operation, double throttleRate, double errorRate, long latencyMs) {

    public FaultRule {
        service = service == null ? "*" : service;
        operation = operation == null ? "*" : operation;
    }

    boolean matches(String signingName, String op) {
        return ("*".equals(service) || service.equals(signingName)) && ("*".equals(operation) || operation.equals(op));
    }
}
