package io.corral.placement.rollout;

import io.corral.receptor.api.ActualLrp;
import io.corral.receptor.api.ActualLrpPresence;
import io.corral.receptor.api.ActualLrpState;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;

/**
 * One step of a rolling rebalance, decided from what the receptor shows: which instances
 * move on and which are to be evacuated now. Never more than one instance of a process is
 * replaced at a time, and an instance is only evacuated while RUNNING, so its process
 * never drops below the desired count: the receptor keeps the old one until the
 * replacement runs. An instance whose cell is gone (suspect) is being replaced by the
 * receptor already: its item waits, and ends GONE once the replacement runs or carries on
 * if the cell comes back.
 */
public final class RolloutStep {

    /** One rollout instance as stored. */
    public record Item(String processGuid, int index, String oldInstanceGuid, RolloutInstanceState state) {
    }

    /**
     * The receptor's view of one index: its current instance and, while one is being
     * replaced, that one: evacuating (a rollout moves it) or suspect (its cell is gone).
     */
    public record IndexView(ActualLrp current, ActualLrp evacuating, ActualLrp suspect) {
    }

    /**
     * What becomes of an item; {@code evacuate} asks the receptor to start replacing it.
     */
    public record Decision(Item item, RolloutInstanceState state, boolean evacuate, ActualLrp replacement,
            String detail) {
    }

    /** The receptor's state of one index, by process guid and index. */
    public interface Indices {

        IndexView at(String processGuid, int index);

    }

    private RolloutStep() {
    }

    /**
     * The receptor's instances by index: each index's ordinary, evacuating and suspect
     * instance.
     */
    public static Indices indicesOf(List<ActualLrp> instances) {
        Map<ActualLrpPresence, Map<IndexKey, ActualLrp>> byPresence = new EnumMap<>(ActualLrpPresence.class);
        for (ActualLrpPresence presence : ActualLrpPresence.values()) {
            byPresence.put(presence, new HashMap<>());
        }
        instances.forEach(instance -> byPresence.get(instance.presence())
            .put(new IndexKey(instance.processGuid(), instance.index()), instance));
        return (processGuid, index) -> {
            IndexKey key = new IndexKey(processGuid, index);
            return new IndexView(byPresence.get(ActualLrpPresence.ORDINARY).get(key),
                    byPresence.get(ActualLrpPresence.EVACUATING).get(key),
                    byPresence.get(ActualLrpPresence.SUSPECT).get(key));
        };
    }

    /**
     * @param stillViolates whether an instance's cell still breaks its rules
     * @param evacuationBudget how many more evacuations may start in this step
     */
    public static List<Decision> decide(List<Item> items, Indices indices, Predicate<ActualLrp> stillViolates,
            int evacuationBudget) {
        Set<String> busy = new HashSet<>();
        items.stream()
            .filter(item -> item.state() == RolloutInstanceState.REPLACING)
            .forEach(item -> busy.add(item.processGuid()));
        List<Decision> decisions = new ArrayList<>();
        int budget = evacuationBudget;
        for (Item item : items) {
            IndexView view = indices.at(item.processGuid(), item.index());
            Decision decision = switch (item.state()) {
                case REPLACING -> replacing(item, view);
                case PENDING -> pending(item, view, stillViolates, busy.contains(item.processGuid()) || budget == 0);
                default -> null;
            };
            if (decision == null) {
                continue;
            }
            if (decision.evacuate()) {
                busy.add(item.processGuid());
                budget--;
            }
            decisions.add(decision);
        }
        return decisions;
    }

    private static Decision replacing(Item item, IndexView view) {
        if (isOld(item, view.evacuating())) {
            ActualLrp replacement = view.current();
            String detail = replacement == null ? "waiting for a replacement"
                    : replacement.placementError() != null ? "replacement unplaced: " + replacement.placementError()
                            : "replacement " + replacement.state()
                                    + (replacement.cellId() == null ? "" : " on " + replacement.cellId());
            return new Decision(item, RolloutInstanceState.REPLACING, false, replacement, detail);
        }
        return new Decision(item, RolloutInstanceState.REPLACED, false, view.current(), null);
    }

    private static Decision pending(Item item, IndexView view, Predicate<ActualLrp> stillViolates, boolean mustWait) {
        if (isOld(item, view.evacuating())) {
            return new Decision(item, RolloutInstanceState.REPLACING, false, view.current(), "resumed");
        }
        if (isOld(item, view.suspect())) {
            // Its cell is gone and the receptor replaces it already, unless the cell
            // comes
            // back first: wait to see which.
            return null;
        }
        if (!isOld(item, view.current())) {
            return new Decision(item, RolloutInstanceState.GONE, false, null, "the instance went away by itself");
        }
        if (!stillViolates.test(view.current())) {
            return new Decision(item, RolloutInstanceState.SKIPPED, false, null, "its cell no longer breaks its rules");
        }
        if (mustWait || view.current().state() != ActualLrpState.RUNNING) {
            return null;
        }
        return new Decision(item, RolloutInstanceState.REPLACING, true, null, null);
    }

    private static boolean isOld(Item item, ActualLrp instance) {
        return instance != null && instance.instanceGuid().equals(item.oldInstanceGuid());
    }

}
