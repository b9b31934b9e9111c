package io.corral.cli.receptor;

import io.corral.cli.CliCommand;
import io.corral.cli.CliFailure;
import io.corral.cli.ExitCodes;
import io.corral.cli.http.ReceptorCalls;
import io.corral.cli.output.Output;
import io.corral.receptor.client.Backoff;
import io.corral.receptor.client.RawEvent;
import io.corral.receptor.client.ReceptorEventStream;
import java.time.Duration;
import java.util.OptionalLong;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code corral events}: the receptor's event stream, one line per event (with
 * {@code --json}, one JSON object per line).
 */
@Command(name = "events",
        description = "Print the receptor's events as they happen, one per line (--json: one JSON object per line).")
public class EventsCommand extends CliCommand {

    private static final Backoff WAITS = new Backoff(Duration.ofSeconds(1), Duration.ofSeconds(10));

    private long printed;

    @Option(names = { "-f", "--follow" },
            description = "Keep following: when the stream ends, reconnect and resume after the last event printed.")
    private boolean follow;

    @Option(names = "--after", paramLabel = "EVENT_ID",
            description = "Start after this event: the stored events after it first (kept 1 h), then live ones.")
    private Long after;

    @Option(names = "--count", paramLabel = "N", description = "Stop after N events.")
    private Long count;

    /**
     * One event of {@code --json}: its id, its name and its data as the receptor sent it.
     */
    record EventJson(long id, String type, Object data) {
    }

    @Override
    public Integer call() throws InterruptedException {
        ReceptorCalls receptor = receptor();
        Output output = output();
        Long lastSeen = after;
        Duration wait = WAITS.initial();
        while (true) {
            String ended = "the event stream ended";
            try (ReceptorEventStream stream = receptor
                .events(lastSeen == null ? OptionalLong.empty() : OptionalLong.of(lastSeen))) {
                wait = WAITS.initial();
                lastSeen = printUntilEnd(stream, output, lastSeen);
                if (count != null && printed >= count) {
                    return ExitCodes.OK;
                }
            }
            catch (CliFailure failure) {
                if (!follow || failure.exitCode() == ExitCodes.AUTH || failure.exitCode() == ExitCodes.USAGE) {
                    throw failure;
                }
                ended = failure.getMessage().lines().findFirst().orElse("");
            }
            if (!follow) {
                throw new CliFailure(ExitCodes.UNREACHABLE, "the receptor's event stream at " + receptor.url().uri()
                        + " ended; go on with --after " + (lastSeen == null ? "ID" : lastSeen) + " or use --follow");
            }
            err().println("corral: " + ended + "; reconnecting in " + wait.toSeconds() + " s"
                    + (lastSeen == null ? "" : ", resuming after event " + lastSeen));
            err().flush();
            Thread.sleep(wait.toMillis());
            wait = WAITS.after(wait);
        }
    }

    /**
     * Prints the stream's events until it ends or {@code --count} is reached; the id of
     * the last one printed.
     */
    private Long printUntilEnd(ReceptorEventStream stream, Output output, Long lastSeen) throws InterruptedException {
        Long last = lastSeen;
        RawEvent event;
        while ((event = stream.poll(Duration.ofSeconds(1))) != null || stream.isOpen()) {
            if (event != null) {
                print(output, event);
                last = event.id();
                if (count != null && ++printed >= count) {
                    break;
                }
            }
        }
        return last;
    }

    private static void print(Output output, RawEvent event) {
        if (output.json()) {
            output.jsonLine(new EventJson(event.id(), event.type(), event.data()));
        }
        else {
            output.line(EventSummaries.line(event));
        }
    }

}
