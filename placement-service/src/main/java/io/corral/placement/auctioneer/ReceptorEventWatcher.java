package io.corral.placement.auctioneer;

import io.corral.placement.receptor.ReceptorProperties;
import io.corral.receptor.api.ReceptorEvent;
import io.corral.receptor.client.ReceptorEventStream;
import io.corral.support.security.ServiceTokens;
import java.time.Duration;
import java.util.OptionalLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * Follows the receptor's event stream and asks for an auction when work needs a cell. It resumes
 * after a break from the last event seen and asks for an auction on every reconnect, since the
 * receptor may have dropped events older than its retention meanwhile; the auctioneer's sweep
 * covers the rest.
 */
@Component
public class ReceptorEventWatcher implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(ReceptorEventWatcher.class);
    private static final Duration POLL = Duration.ofSeconds(1);
    private static final Duration MAX_BACKOFF = Duration.ofSeconds(30);

    private final ReceptorProperties receptor;
    private final ServiceTokens tokens;
    private final Auctioneer auctioneer;
    private volatile Thread thread;

    public ReceptorEventWatcher(ReceptorProperties receptor, ServiceTokens tokens, Auctioneer auctioneer) {
        this.receptor = receptor;
        this.tokens = tokens;
        this.auctioneer = auctioneer;
    }

    @Override
    public void start() {
        thread = new Thread(this::watch, "receptor-event-watcher");
        thread.setDaemon(true);
        thread.start();
    }

    @Override
    public void stop() {
        Thread watching = thread;
        thread = null;
        if (watching != null) {
            watching.interrupt();
        }
    }

    @Override
    public boolean isRunning() {
        return thread != null;
    }

    private void watch() {
        OptionalLong resumeFrom = OptionalLong.empty();
        Duration backoff = Duration.ofMillis(500);
        while (thread != null) {
            try (ReceptorEventStream events = open(resumeFrom)) {
                backoff = Duration.ofMillis(500);
                auctioneer.workArrived();
                resumeFrom = OptionalLong.of(follow(events));
            } catch (InterruptedException e) {
                return;
            } catch (RuntimeException e) {
                log.warn("receptor event stream at {} broke ({}); reconnecting in {} ms", receptor.url(), e.getMessage(),
                        backoff.toMillis());
            }
            if (!sleep(backoff)) {
                return;
            }
            backoff = backoff.multipliedBy(2).compareTo(MAX_BACKOFF) > 0 ? MAX_BACKOFF : backoff.multipliedBy(2);
        }
    }

    private ReceptorEventStream open(OptionalLong resumeFrom) {
        return resumeFrom.isPresent()
                ? ReceptorEventStream.resume(receptor.url(), tokens, resumeFrom.getAsLong())
                : ReceptorEventStream.open(receptor.url(), tokens);
    }

    /** Reads until the stream ends; answers the id to resume from. */
    private long follow(ReceptorEventStream events) throws InterruptedException {
        while (thread != null && events.isOpen()) {
            ReceptorEvent event = events.poll(POLL);
            if (event != null && NewWorkEvents.callsForAuction(event)) {
                auctioneer.workArrived();
            }
        }
        return events.lastEventId();
    }

    private boolean sleep(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
            return thread != null;
        } catch (InterruptedException e) {
            return false;
        }
    }
}
