package io.corral.sshproxy.server;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.stereotype.Component;

/** The live sessions of this proxy, by grant id. */
@Component
public class SessionRegistry {

    private final Map<String, ProxySession> sessions = new ConcurrentHashMap<>();

    SessionRegistry(ProxyMetrics metrics) {
        metrics.liveSessions(sessions::size);
    }

    void add(ProxySession session) {
        sessions.put(session.grant().grantId(), session);
    }

    void remove(ProxySession session) {
        sessions.remove(session.grant().grantId(), session);
    }

    public Optional<ProxySession> find(String grantId) {
        return Optional.ofNullable(sessions.get(grantId));
    }

    public List<String> grantIds() {
        return List.copyOf(sessions.keySet());
    }

    public int size() {
        return sessions.size();
    }

}
