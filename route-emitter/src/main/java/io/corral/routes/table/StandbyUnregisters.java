package io.corral.routes.table;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The unregisters a standby took into its table without publishing them. A leader killed
 * meanwhile never sent them either, and a register-all on taking over cannot say that a
 * route is gone: the new leader sends those whose route is not in its table again. It
 * keeps those from {@code window} before it last saw another replica hold the lease on:
 * that leader was alive then and sent what it had heard a little earlier. The window is
 * counted from that sighting, not from the takeover, as a standby that takes the lease
 * late (a busy machine, a slow database) still owes every unregister since the leader
 * died. An unregister the old leader did send is harmless sent twice. Not thread-safe.
 */
public final class StandbyUnregisters {

    private final long windowNanos;

    private final ArrayDeque<Unpublished> unpublished = new ArrayDeque<>();

    public StandbyUnregisters(Duration window) {
        this.windowNanos = window.toNanos();
    }

    /**
     * Notes {@code unregisters} taken into the table at {@code now} and not published.
     */
    public void record(Collection<Endpoint> unregisters, long now) {
        unregisters.forEach(endpoint -> unpublished.addLast(new Unpublished(endpoint, now)));
    }

    /**
     * Another replica held the lease at {@code now}: it published what was heard well
     * before, so those are forgotten.
     */
    public void leaderSeen(long now) {
        while (!unpublished.isEmpty() && now - unpublished.peekFirst().at() > windowNanos) {
            unpublished.removeFirst();
        }
    }

    /**
     * On taking over: the unregisters kept whose route is not {@code routed} again, one
     * per route (the latest), and forgets them all.
     */
    public List<Endpoint> takeOver(Set<RouteKey> routed) {
        Map<RouteKey, Endpoint> missed = new LinkedHashMap<>();
        unpublished.forEach(entry -> missed.put(entry.endpoint().key(), entry.endpoint()));
        unpublished.clear();
        missed.keySet().removeAll(routed);
        return List.copyOf(missed.values());
    }

    public int size() {
        return unpublished.size();
    }

    private record Unpublished(Endpoint endpoint, long at) {
    }

}
