package io.corral.endtoend;

import io.corral.testsupport.nats.RouterSpy.Heard;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import tools.jackson.databind.JsonNode;

/**
 * What a gorouter holds for one hostname after the {@code router.register} and
 * {@code router.unregister} messages it heard, in order: an endpoint per
 * {@code host:port}, added or refreshed by a register, removed by an unregister whatever
 * its instance.
 */
final class RouterTable {

    /** One endpoint as a router sends traffic to it. */
    record Endpoint(String host, int port, String instanceGuid, int index, String zone) {

        String address() {
            return host + ":" + port;
        }

    }

    private final Map<String, Endpoint> byAddress = new LinkedHashMap<>();

    private int fewest = Integer.MAX_VALUE;

    private RouterTable() {
    }

    /** The table {@code heard} leaves for {@code hostname}. */
    static RouterTable of(List<Heard> heard, String hostname) {
        RouterTable table = new RouterTable();
        heard.stream().filter(message -> message.isFor(hostname)).forEach(table::apply);
        return table;
    }

    /**
     * The fewest endpoints {@code hostname} had at any moment after the first
     * {@code skipped} messages of {@code heard} (the table as it stood then included).
     */
    static int fewestSince(List<Heard> heard, int skipped, String hostname) {
        RouterTable table = of(heard.subList(0, skipped), hostname);
        table.fewest = table.byAddress.size();
        heard.subList(skipped, heard.size()).stream().filter(message -> message.isFor(hostname)).forEach(table::apply);
        return table.fewest;
    }

    Set<Endpoint> endpoints() {
        return Set.copyOf(byAddress.values());
    }

    private void apply(Heard message) {
        JsonNode json = message.json();
        String address = json.path("host").asString() + ":" + json.path("port").asInt();
        if (message.subject().equals("router.register")) {
            byAddress.put(address,
                    new Endpoint(json.path("host").asString(), json.path("port").asInt(),
                            json.path("private_instance_id").asString(),
                            Integer.parseInt(json.path("private_instance_index").asString()),
                            json.path("availability_zone").asString()));
        }
        else if (message.subject().equals("router.unregister")) {
            byAddress.remove(address);
            fewest = Math.min(fewest, byAddress.size());
        }
    }

}
