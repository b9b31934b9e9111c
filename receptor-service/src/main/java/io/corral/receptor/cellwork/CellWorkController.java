package io.corral.receptor.cellwork;

import io.corral.receptor.api.CellWork;
import io.corral.support.web.ApiException;
import io.swagger.v3.oas.annotations.Operation;
import java.time.Duration;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.context.request.async.DeferredResult;

/**
 * What a cell should be running: its instances, and its tasks not yet completed. With
 * {@code after_event_id} and {@code wait_seconds} it is a long poll that answers as soon
 * as the cell's work changed after that event, or when the wait is over.
 */
@RestController
public class CellWorkController {

    private static final int MAX_WAIT_SECONDS = 60;

    private final CellWorkPoller poller;

    public CellWorkController(CellWorkPoller poller) {
        this.poller = poller;
    }

    @Operation(summary = "Get the cell's work, waiting for a change if asked")
    @GetMapping("/v1/cells/{cell_id}/work")
    public DeferredResult<CellWork> work(@PathVariable("cell_id") String cellId,
            @RequestParam(name = "after_event_id", required = false) Long afterEventId,
            @RequestParam(name = "wait_seconds", defaultValue = "0") int waitSeconds) {
        if (waitSeconds < 0 || waitSeconds > MAX_WAIT_SECONDS) {
            throw ApiException.invalidRequest("wait_seconds: must be between 0 and " + MAX_WAIT_SECONDS);
        }
        if (afterEventId == null || waitSeconds == 0) {
            DeferredResult<CellWork> now = new DeferredResult<>();
            now.setResult(poller.now(cellId));
            return now;
        }
        return poller.after(cellId, afterEventId, Duration.ofSeconds(waitSeconds));
    }

}
