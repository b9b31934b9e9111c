package io.corral.cli.receptor;

import io.corral.cli.CliCommand;
import io.corral.cli.ExitCodes;
import io.corral.receptor.api.Task;
import io.corral.receptor.api.TaskState;
import io.corral.receptor.client.ReceptorClient;
import java.util.List;
import java.util.Set;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code corral tasks}: tasks, all, of a domain, in some states, or one. */
@Command(name = "tasks", description = "List the tasks, or show one.")
public class TasksCommand extends CliCommand {

    @Parameters(arity = "0..1", paramLabel = "TASK_GUID", description = "Only this one.")
    private String taskGuid;

    @Option(names = "--state", split = ",", paramLabel = "STATE",
            description = "Only these states: ${COMPLETION-CANDIDATES} (comma-separated or repeated).")
    private Set<TaskState> states = Set.of();

    @Option(names = "--domain", description = "Only the tasks of this domain.")
    private String domain;

    @Override
    public Integer call() {
        if (taskGuid != null) {
            Task task = receptor().call("GET", "/v1/tasks/" + taskGuid, "receptor.read",
                    client -> client.task(taskGuid));
            output().show(task, () -> ReceptorTables.tasks(List.of(task), env().clock().instant()), "");
            return ExitCodes.OK;
        }
        List<Task> tasks = list().stream().filter(task -> states.isEmpty() || states.contains(task.state())).toList();
        output().show(tasks, () -> ReceptorTables.tasks(tasks, env().clock().instant()), "No tasks match.");
        return ExitCodes.OK;
    }

    private List<Task> list() {
        if (domain != null) {
            return receptor().call("GET", "/v1/domains/" + domain + "/tasks", "receptor.read",
                    client -> client.tasks(domain));
        }
        return receptor().call("GET", "/v1/tasks", "receptor.read", ReceptorClient::tasks);
    }

}
