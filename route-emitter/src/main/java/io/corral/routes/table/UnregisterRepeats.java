package io.corral.routes.table;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * NATS delivers at most once, so an unregister is sent again a few times, unless the same
 * route (hostname and {@code host:port}) is registered again meanwhile. Not thread-safe.
 */
public final class UnregisterRepeats {

    private final int repeats;

    private final Map<RouteKey, Pending> pending = new HashMap<>();

    /**
     * @param repeats how many times an unregister is sent again after the first
     */
    public UnregisterRepeats(int repeats) {
        this.repeats = repeats;
    }

    /**
     * Notes what was just published: its unregisters repeat, its registers cancel
     * repeats.
     */
    public void published(RouteDiff diff) {
        if (repeats > 0) {
            diff.unregisters().forEach(endpoint -> pending.put(endpoint.key(), new Pending(endpoint, repeats)));
        }
        diff.registers().forEach(endpoint -> pending.remove(endpoint.key()));
    }

    /**
     * The unregisters to send again now; each is answered {@code repeats} times in all.
     */
    public List<Endpoint> due() {
        List<Endpoint> due = new ArrayList<>();
        Iterator<Map.Entry<RouteKey, Pending>> it = pending.entrySet().iterator();
        while (it.hasNext()) {
            Map.Entry<RouteKey, Pending> entry = it.next();
            Pending left = entry.getValue();
            due.add(left.endpoint());
            if (left.remaining() <= 1) {
                it.remove();
            }
            else {
                entry.setValue(new Pending(left.endpoint(), left.remaining() - 1));
            }
        }
        return due;
    }

    public int size() {
        return pending.size();
    }

    private record Pending(Endpoint endpoint, int remaining) {
    }

}
