package io.corral.placement.auctioneer;

import io.corral.receptor.api.ReceptorEvent;
import tools.jackson.databind.JsonNode;

/**
 * Which receptor events call for an auction: work that needs a cell (an UNCLAIMED instance or a
 * PENDING task without one) and room that was freed (an instance or task gone or finished).
 */
final class NewWorkEvents {

    private NewWorkEvents() {
    }

    static boolean callsForAuction(ReceptorEvent event) {
        return switch (event.type()) {
            case "actual_lrp_created" -> needsCell(event.data().path("actual_lrp"), "UNCLAIMED");
            case "actual_lrp_changed" -> needsCell(event.data().path("actual_lrp_after"), "UNCLAIMED")
                    || "CRASHED".equals(event.data().path("actual_lrp_after").path("state").asString(""));
            case "task_created" -> needsCell(event.data().path("task"), "PENDING");
            case "task_changed" -> needsCell(event.data().path("task_after"), "PENDING")
                    || "COMPLETED".equals(event.data().path("task_after").path("state").asString(""));
            case "actual_lrp_removed", "task_removed" -> true;
            default -> false;
        };
    }

    private static boolean needsCell(JsonNode record, String waitingState) {
        return waitingState.equals(record.path("state").asString("")) && !record.hasNonNull("cell_id")
                && !record.path("evacuating").asBoolean(false);
    }
}
