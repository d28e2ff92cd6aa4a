package io.tripline.simulator.control;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tripline.simulator.core.Account;
import io.tripline.simulator.core.SimJson;
import io.tripline.simulator.core.World;
import java.lang.reflect.Method;
import java.util.Comparator;
import java.util.Map;

/**
 * Renders the whole world as JSON for {@code GET /_tripline/state}: per account, per region (or
 * "global"), per state class. A state object contributes its {@code toJson()} when it has one,
 * otherwise whatever Jackson makes of it; one unserialisable state never breaks the dump.
 */
final class StateDump {

    private StateDump() {
    }

    static ObjectNode dump(World world) {
        ObjectNode root = SimJson.object();
        root.put("now", world.clock().now().toString());
        ObjectNode accounts = root.putObject("accounts");
        world.accounts().stream().sorted(Comparator.comparing(Account::id)).forEach(account -> {
            ObjectNode acct = accounts.putObject(account.id());
            for (Map.Entry<String, Map<String, Object>> scope : account.snapshot().entrySet()) {
                ObjectNode node = acct.putObject(scope.getKey());
                scope.getValue().forEach((name, state) -> node.set(name, render(state)));
            }
        });
        ObjectNode credentials = root.putObject("credentials");
        world.credentials().forEach((key, caller) -> credentials.set(key, SimJson.MAPPER.valueToTree(caller)));
        return root;
    }

    private static JsonNode render(Object state) {
        try {
            Method toJson = state.getClass().getMethod("toJson");
            Object value = toJson.invoke(state);
            return value instanceof JsonNode node ? node : SimJson.parse(String.valueOf(value));
        } catch (NoSuchMethodException e) {
            try {
                return SimJson.MAPPER.valueToTree(state);
            } catch (IllegalArgumentException unserializable) {
                return SimJson.object().put("unserializable", state.getClass().getName());
            }
        } catch (ReflectiveOperationException | RuntimeException e) {
            return SimJson.object().put("error", state.getClass().getName() + ": " + e.getMessage());
        }
    }
}
