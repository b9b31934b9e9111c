package io.corral.placement.model;

import io.corral.receptor.api.ActualLrp;
import io.corral.receptor.api.DesiredLrp;
import io.corral.receptor.api.Task;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Desired LRPs by {@code process_guid}, actual LRPs by {@code instance_guid} (an
 * evacuating instance and its replacement share an index) and tasks by {@code task_guid}.
 */
public record ModelState(Map<String, DesiredLrp> desiredLrps, Map<String, ActualLrp> actualLrps,
        Map<String, Task> tasks) {

    /** What the receptor's list endpoints answered. */
    public static ModelState of(List<DesiredLrp> desiredLrps, List<ActualLrp> actualLrps, List<Task> tasks) {
        return new ModelState(byKey(desiredLrps, DesiredLrp::processGuid), byKey(actualLrps, ActualLrp::instanceGuid),
                byKey(tasks, Task::taskGuid));
    }

    private static <T> Map<String, T> byKey(List<T> records, Function<T, String> key) {
        return records.stream().collect(Collectors.toMap(key, Function.identity(), (first, second) -> second));
    }

}
