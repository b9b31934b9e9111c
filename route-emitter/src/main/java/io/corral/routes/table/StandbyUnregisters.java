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
 * route is gone: the new leader sends those of the last {@code window} (a leader dies at
 * most a lease TTL before its lease lapses) whose route is not in its table again. An
 * unregister the old leader did send is harmless sent twice. Not thread-safe.
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
        forgetBefore(now);
    }

    /**
     * On taking over at {@code now}: the unregisters of the window whose route is not
     * {@code routed} again, one per route (the latest), and forgets them all.
     */
    public List<Endpoint> takeOver(Set<RouteKey> routed, long now) {
        forgetBefore(now);
        Map<RouteKey, Endpoint> missed = new LinkedHashMap<>();
        unpublished.forEach(entry -> missed.put(entry.endpoint().key(), entry.endpoint()));
        unpublished.clear();
        missed.keySet().removeAll(routed);
        return List.copyOf(missed.values());
    }

    public int size() {
        return unpublished.size();
    }

    private void forgetBefore(long now) {
        while (!unpublished.isEmpty() && now - unpublished.peekFirst().at() > windowNanos) {
            unpublished.removeFirst();
        }
    }

    private record Unpublished(Endpoint endpoint, long at) {
    }

}
