package io.corral.receptor.cellwork;

import io.corral.receptor.api.CellEvacuation;
import io.corral.receptor.cell.CellService;
import io.corral.receptor.lrp.ActualLrpService;
import io.corral.receptor.task.TaskService;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * A cell shutting down, in one transaction: it is marked evacuating, so placement puts no
 * new work on it; its RUNNING instances evacuate (each runs on until its replacement runs
 * elsewhere); what it has not started goes back to be placed elsewhere. Repeating it
 * changes only what came since.
 */
@Service
public class CellEvacuations {

    private final CellService cells;

    private final ActualLrpService instances;

    private final TaskService tasks;

    public CellEvacuations(CellService cells, ActualLrpService instances, TaskService tasks) {
        this.cells = cells;
        this.instances = instances;
        this.tasks = tasks;
    }

    @Transactional
    public CellEvacuation evacuate(String cellId) {
        cells.markEvacuating(cellId);
        return new CellEvacuation(cellId, instances.evacuateRunningOn(cellId), instances.releaseUnstartedOn(cellId),
                tasks.releaseUnstartedOn(cellId));
    }

}
