package io.corral.receptor.cell;

import io.corral.receptor.api.CellWork;
import io.corral.receptor.lrp.ActualLrpService;
import io.corral.receptor.task.TaskService;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

/** What a cell should be running: its instances, and its tasks not yet completed. */
@RestController
public class CellWorkController {

    private final ActualLrpService instances;
    private final TaskService tasks;

    public CellWorkController(ActualLrpService instances, TaskService tasks) {
        this.instances = instances;
        this.tasks = tasks;
    }

    @GetMapping("/v1/cells/{cellId}/work")
    public CellWork work(@PathVariable String cellId) {
        return new CellWork(instances.onCell(cellId), tasks.onCell(cellId));
    }
}
