package io.corral.sshproxy.grants;

import io.corral.receptor.client.Backoff;
import io.corral.sshproxy.auth.GrantStatus;
import io.corral.sshproxy.auth.SshAuthClient;
import io.corral.sshproxy.server.ProxySession;
import io.corral.sshproxy.server.SessionRegistry;
import io.corral.support.Threads;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * Follows ssh-auth-service's grant events so live sessions end within seconds of access
 * being withdrawn: {@code grant_revoked} disconnects the session with the reason,
 * {@code grant_changed} ends the channels the new permissions no longer allow. After
 * every (re)connection it checks every live grant ({@code POST /v1/ssh/grants/check}), so
 * an event missed while disconnected heals. Reconnects with a growing pause (0.5 s to 10
 * s).
 */
@Component
public class GrantEventFollower implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(GrantEventFollower.class);

    private static final int CHECK_BATCH = 1000;

    private static final Backoff PAUSES = new Backoff(Duration.ofMillis(500), Duration.ofSeconds(10));

    private final SshAuthClient sshAuth;

    private final SessionRegistry registry;

    private final AtomicReference<Stream<String>> open = new AtomicReference<>();

    private volatile Thread thread;

    private volatile boolean running;

    private String lastEventId = "";

    GrantEventFollower(SshAuthClient sshAuth, SessionRegistry registry) {
        this.sshAuth = sshAuth;
        this.registry = registry;
    }

    @Override
    public void start() {
        running = true;
        thread = Threads.daemon("ssh-proxy-grant-events").newThread(this::follow);
        thread.start();
    }

    @Override
    public void stop() {
        running = false;
        Stream<String> stream = open.getAndSet(null);
        if (stream != null) {
            stream.close();
        }
        Thread following = thread;
        if (following != null) {
            following.interrupt();
        }
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    private void follow() {
        Duration pause = PAUSES.initial();
        boolean failing = false;
        while (running) {
            try (Stream<String> lines = sshAuth.events(lastEventId)) {
                open.set(lines);
                if (failing) {
                    log.info("following ssh-auth-service's grant events again");
                }
                failing = false;
                pause = PAUSES.initial();
                checkLiveGrants();
                read(lines.iterator());
            }
            catch (IOException | UncheckedIOException | SshAuthClient.SshAuthException e) {
                if (!failing && running) {
                    log.warn("not following ssh-auth-service's grant events ({}); retrying", e.getMessage());
                }
                failing = true;
            }
            catch (RuntimeException e) {
                if (running) {
                    log.warn("the grant event stream failed; retrying", e);
                }
                failing = true;
            }
            open.set(null);
            if (!sleep(pause)) {
                return;
            }
            pause = PAUSES.after(pause);
        }
    }

    private void read(Iterator<String> lines) {
        String event = "";
        StringBuilder data = null;
        while (running && lines.hasNext()) {
            String line = lines.next();
            if (line.isEmpty()) {
                if (data != null) {
                    apply(event, data.toString());
                }
                event = "";
                data = null;
            }
            else if (line.startsWith("id:")) {
                lastEventId = value(line);
            }
            else if (line.startsWith("event:")) {
                event = value(line);
            }
            else if (line.startsWith("data:")) {
                data = data == null ? new StringBuilder(value(line)) : data.append('\n').append(value(line));
            }
        }
    }

    private static String value(String line) {
        String value = line.substring(line.indexOf(':') + 1);
        return value.startsWith(" ") ? value.substring(1) : value;
    }

    void apply(String event, String data) {
        if (!event.equals("grant_revoked") && !event.equals("grant_changed")) {
            return;
        }
        GrantEvent grantEvent = sshAuth.readEvent(data, GrantEvent.class);
        registry.find(String.valueOf(grantEvent.grantId())).ifPresent(session -> {
            if (event.equals("grant_revoked")) {
                session.revoke(grantEvent.reason() == null ? "revoked" : grantEvent.reason());
            }
            else if (grantEvent.permissions() != null) {
                session.permissionsChanged(grantEvent.permissions().toPermissions());
            }
        });
    }

    private void checkLiveGrants() {
        List<String> grantIds = registry.grantIds();
        for (int from = 0; from < grantIds.size(); from += CHECK_BATCH) {
            for (GrantStatus status : sshAuth
                .check(grantIds.subList(from, Math.min(grantIds.size(), from + CHECK_BATCH)))) {
                registry.find(status.grantId()).ifPresent(session -> heal(session, status));
            }
        }
    }

    private static void heal(ProxySession session, GrantStatus status) {
        if (!status.isLive()) {
            session.revoke(status.reason() == null ? "revoked" : status.reason());
        }
        else if (status.currentPermissions() != null
                && !status.currentPermissions().equals(session.grant().permissions())) {
            session.permissionsChanged(status.currentPermissions());
        }
    }

    private boolean sleep(Duration pause) {
        try {
            Thread.sleep(pause.toMillis());
            return running;
        }
        catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

}
