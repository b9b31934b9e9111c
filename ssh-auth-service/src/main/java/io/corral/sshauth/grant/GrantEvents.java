package io.corral.sshauth.grant;

import io.corral.support.Threads;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArraySet;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.SmartLifecycle;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;
import tools.jackson.databind.json.JsonMapper;

/**
 * What proxies are told about live grants, kept in PostgreSQL so any replica serves any
 * proxy and a reconnecting proxy resumes ({@code Last-Event-ID}). Writers take one
 * advisory lock, so ids commit in order and a reader polling for ids above the last it
 * sent never skips one that commits late.
 */
@Component
public class GrantEvents implements SmartLifecycle {

    /** The advisory lock that orders the writers ("ssh-grant-events"). */
    private static final long WRITE_LOCK = 0x5353484745L;

    private static final int BATCH = 500;

    private static final Duration KEPT = Duration.ofHours(1);

    private final JdbcClient db;

    private final JsonMapper json;

    private final Set<Subscriber> subscribers = new CopyOnWriteArraySet<>();

    private volatile boolean running;

    private final Duration heartbeatInterval;

    private ScheduledExecutorService heartbeats;

    GrantEvents(JdbcClient db, JsonMapper json,
            @Value("${corral.ssh.grants.heartbeat-interval:15s}") Duration heartbeatInterval) {
        this.db = db;
        this.json = json;
        this.heartbeatInterval = heartbeatInterval;
    }

    @Transactional
    public void append(String name, Object data) {
        db.sql("select pg_advisory_xact_lock(?)").param(WRITE_LOCK).query().singleRow();
        db.sql("insert into ssh_grant_events (at, name, data) values (now(), ?, ?)")
            .params(name, json.writeValueAsString(data))
            .update();
    }

    /**
     * A new stream that first replays the events after {@code lastEventId} (null: only
     * new events).
     */
    SseEmitter subscribe(Long lastEventId) {
        SseEmitter emitter = new SseEmitter(0L);
        long after = lastEventId != null ? lastEventId : latestId();
        Subscriber subscriber = new Subscriber(emitter, after);
        emitter.onCompletion(() -> subscribers.remove(subscriber));
        emitter.onError(e -> subscribers.remove(subscriber));
        emitter.onTimeout(() -> subscribers.remove(subscriber));
        subscribers.add(subscriber);
        return emitter;
    }

    /** Sends each subscriber the events it has not seen yet. */
    @Scheduled(fixedDelayString = "${corral.ssh.grants.event-poll-interval:250ms}")
    public void deliver() {
        if (subscribers.isEmpty()) {
            return;
        }
        long from = subscribers.stream().mapToLong(Subscriber::lastSent).min().orElse(0);
        List<StoredEvent> events = since(from);
        for (Subscriber subscriber : subscribers) {
            subscriber.send(events);
        }
    }

    /**
     * A comment line, so proxies and idle-closing middleboxes see the stream alive; on a
     * thread of its own, so it goes on while the database is unreachable.
     */
    private void heartbeat() {
        for (Subscriber subscriber : subscribers) {
            subscriber.heartbeat();
        }
    }

    @Scheduled(fixedDelayString = "PT5M", initialDelayString = "PT1M")
    public void forgetOld() {
        db.sql("delete from ssh_grant_events where at < now() - make_interval(secs => ?)")
            .param(KEPT.toSeconds())
            .update();
    }

    @Override
    public void start() {
        running = true;
        heartbeats = Executors.newSingleThreadScheduledExecutor(Threads.daemon("grant-event-heartbeat"));
        heartbeats.scheduleWithFixedDelay(this::heartbeat, heartbeatInterval.toMillis(), heartbeatInterval.toMillis(),
                TimeUnit.MILLISECONDS);
    }

    /**
     * Ends the open streams before the web server's graceful shutdown, which would wait
     * for them; proxies reconnect to another replica and resume.
     */
    @Override
    public void stop() {
        running = false;
        heartbeats.shutdown();
        subscribers.forEach(s -> s.emitter().complete());
        subscribers.clear();
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    private long latestId() {
        return db.sql("select coalesce(max(id), 0) from ssh_grant_events").query(Long.class).single();
    }

    private List<StoredEvent> since(long id) {
        return db.sql("select id, name, data from ssh_grant_events where id > ? order by id limit ?")
            .params(id, BATCH)
            .query((rs, n) -> new StoredEvent(rs.getLong(1), rs.getString(2), rs.getString(3)))
            .list();
    }

    private record StoredEvent(long id, String name, String data) {
    }

    private final class Subscriber {

        private final SseEmitter emitter;

        private volatile long lastSent;

        Subscriber(SseEmitter emitter, long lastSent) {
            this.emitter = emitter;
            this.lastSent = lastSent;
        }

        SseEmitter emitter() {
            return emitter;
        }

        long lastSent() {
            return lastSent;
        }

        synchronized void send(List<StoredEvent> events) {
            try {
                for (StoredEvent event : events) {
                    if (event.id() > lastSent) {
                        emitter.send(
                                SseEmitter.event().id(Long.toString(event.id())).name(event.name()).data(event.data()));
                        lastSent = event.id();
                    }
                }
            }
            catch (IOException | IllegalStateException e) {
                subscribers.remove(this);
            }
        }

        synchronized void heartbeat() {
            try {
                emitter.send(SseEmitter.event().comment("heartbeat"));
            }
            catch (IOException | IllegalStateException e) {
                subscribers.remove(this);
            }
        }

    }

}
