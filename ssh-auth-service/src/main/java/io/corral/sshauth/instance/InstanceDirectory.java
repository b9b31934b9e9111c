package io.corral.sshauth.instance;

import io.corral.receptor.api.ActualLrp;
import io.corral.receptor.api.DesiredLrp;
import io.corral.receptor.client.ReceptorClient;
import io.corral.receptor.client.ReceptorException;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;
import org.springframework.stereotype.Component;

/**
 * Resolves a login's app or process and index to an instance through the receptor. An
 * app's desired LRPs and each one's instances are cached: logins of one app come in
 * bursts, and the receptor's events ({@link ReceptorWatcher}) drop an entry as soon as
 * what it holds changes; {@link TargetProperties#cacheTtl} bounds staleness while the
 * event stream is down.
 */
@Component
public class InstanceDirectory {

    private final ReceptorClient receptor;

    private final ReceptorAccess access;

    private final long ttlNanos;

    private final Map<String, Cached<List<DesiredLrp>>> versionsByApp = new ConcurrentHashMap<>();

    private final Map<String, Cached<List<DesiredLrp>>> desiredByProcess = new ConcurrentHashMap<>();

    private final Map<String, Cached<List<ActualLrp>>> instancesByProcess = new ConcurrentHashMap<>();

    /** A lock per entry being loaded, forgotten once it is. */
    private final Map<String, Object> loading = new ConcurrentHashMap<>();

    /** Counts the drops, so an answer loaded while one happened is not kept. */
    private final AtomicLong drops = new AtomicLong();

    public InstanceDirectory(ReceptorClient receptor, ReceptorAccess access, TargetProperties properties) {
        this.receptor = receptor;
        this.access = access;
        this.ttlNanos = properties.cacheTtl().toNanos();
    }

    /** The app's instance at {@code index} ({@code cf:} logins). */
    public Resolution resolveApp(String appGuid, int index) {
        List<DesiredLrp> versions = cached(versionsByApp, appGuid,
                () -> access.call(() -> receptor.desiredLrpsOfApp(appGuid)));
        return VersionChoice.choose(appGuid, withInstances(versions), index);
    }

    /** The process's instance at {@code index} ({@code diego:} logins). */
    public Resolution resolveProcess(String processGuid, int index) {
        List<DesiredLrp> desired = cached(desiredByProcess, processGuid, () -> desiredOrNone(processGuid));
        if (desired.isEmpty()) {
            return Resolution.NONE;
        }
        return VersionChoice.choose(desired.get(0).appGuid(), withInstances(desired), index);
    }

    /** Drops what is cached of {@code processGuid}'s instances. */
    void instancesChanged(String processGuid) {
        drops.incrementAndGet();
        instancesByProcess.remove(processGuid);
    }

    /** Drops what is cached of a desired LRP and its app's versions. */
    void desiredChanged(DesiredLrp desired) {
        drops.incrementAndGet();
        desiredByProcess.remove(desired.processGuid());
        if (desired.appGuid() != null) {
            versionsByApp.remove(desired.appGuid());
        }
    }

    void forgetAll() {
        drops.incrementAndGet();
        versionsByApp.clear();
        desiredByProcess.clear();
        instancesByProcess.clear();
    }

    private List<AppVersion> withInstances(List<DesiredLrp> versions) {
        return versions.stream()
            .map(desired -> new AppVersion(desired,
                    cached(instancesByProcess, desired.processGuid(),
                            () -> access.call(() -> receptor.actualLrps(desired.processGuid())))))
            .toList();
    }

    private List<DesiredLrp> desiredOrNone(String processGuid) {
        try {
            return List.of(access.call(() -> receptor.desiredLrp(processGuid)));
        }
        catch (ReceptorException e) {
            if (e.status() == 404) {
                return List.of();
            }
            throw e;
        }
    }

    private <T> T cached(Map<String, Cached<T>> cache, String key, Supplier<T> load) {
        T fresh = fresh(cache, key);
        if (fresh != null) {
            return fresh;
        }
        // One load per entry: the logins that find it missing or expired together wait
        // for
        // it instead of each asking the receptor (a stampede at every expiry).
        String lockKey = System.identityHashCode(cache) + "/" + key;
        synchronized (loading.computeIfAbsent(lockKey, k -> new Object())) {
            fresh = fresh(cache, key);
            if (fresh != null) {
                return fresh;
            }
            try {
                return load(cache, key, load);
            }
            finally {
                loading.remove(lockKey);
            }
        }
    }

    private <T> T fresh(Map<String, Cached<T>> cache, String key) {
        Cached<T> entry = cache.get(key);
        return entry != null && System.nanoTime() - entry.loadedAt() < ttlNanos ? entry.value() : null;
    }

    private <T> T load(Map<String, Cached<T>> cache, String key, Supplier<T> load) {
        long now = System.nanoTime();
        long dropsBefore = drops.get();
        T value = load.get();
        if (drops.get() == dropsBefore) {
            cache.put(key, new Cached<>(value, now));
        }
        return value;
    }

    private record Cached<T>(T value, long loadedAt) {
    }

}
