package io.corral.cell.settings;

import io.corral.receptor.api.ApiPatterns;
import jakarta.validation.Valid;
import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * The cell this agent is, and how it runs its work.
 *
 * @param id the cell's id, as placement and the receptor name it
 * @param zone its availability zone
 * @param repAddress where this agent answers (announced in the heartbeat)
 * @param address the host address its instances are reached at (their {@code address},
 * {@code CF_INSTANCE_IP})
 * @param capacity what it offers; a part left out is measured from the host
 * @param placementTags tags work must require to run here (isolation)
 * @param optionalPlacementTags tags it offers to work that asks for them
 * @param rootfsProviders the root file systems it offers
 * @param heartbeatTtl how long a heartbeat keeps the cell present; it is sent every third
 * of it
 * @param reconcileInterval how often the whole work is read again and compared with what
 * runs, even when no change was announced
 * @param evacuationTimeout how long a graceful shutdown waits for the cell's instances to
 * run elsewhere before it stops them anyway; 0 stops them at once, without evacuating
 * @param workDirectory where the instances' directories live
 * @param backend how containers are made
 */
@Validated
@ConfigurationProperties("corral.cell")
public record CellProperties(
        @NotBlank @Size(max = ApiPatterns.MAX_GUID_LENGTH) @Pattern(regexp = ApiPatterns.GUID,
                message = ApiPatterns.GUID_MESSAGE) String id,
        @NotBlank @Size(max = 255) @Pattern(regexp = ApiPatterns.NAME, message = ApiPatterns.NAME_MESSAGE) String zone,
        @NotBlank @Size(max = 1024) String repAddress, @NotBlank @Size(max = 255) String address,
        @NotNull @Valid Capacity capacity,
        @NotNull @Size(max = ApiPatterns.MAX_TAGS) List<@Pattern(regexp = ApiPatterns.NAME,
                message = ApiPatterns.NAME_MESSAGE) String> placementTags,
        @NotNull @Size(max = ApiPatterns.MAX_TAGS) List<@Pattern(regexp = ApiPatterns.NAME,
                message = ApiPatterns.NAME_MESSAGE) String> optionalPlacementTags,
        @NotNull @Size(min = 1, max = 64) List<@NotBlank @Size(max = 1024) String> rootfsProviders,
        @NotNull Duration heartbeatTtl, @NotNull Duration reconcileInterval, @NotNull Duration evacuationTimeout,
        @NotNull Path workDirectory, @NotNull Backend backend, @NotNull @Valid ProcessSettings process,
        @NotNull @Valid SimulatedSettings simulated) {

    public CellProperties {
        address = address == null ? "127.0.0.1" : address;
        capacity = capacity == null ? new Capacity(null, null, null) : capacity;
        placementTags = placementTags == null ? List.of() : List.copyOf(placementTags);
        optionalPlacementTags = optionalPlacementTags == null ? List.of() : List.copyOf(optionalPlacementTags);
        rootfsProviders = rootfsProviders == null ? List.of("preloaded:cflinuxfs4") : List.copyOf(rootfsProviders);
        heartbeatTtl = heartbeatTtl == null ? Duration.ofSeconds(30) : heartbeatTtl;
        reconcileInterval = reconcileInterval == null ? Duration.ofSeconds(30) : reconcileInterval;
        evacuationTimeout = evacuationTimeout == null ? Duration.ofMinutes(10) : evacuationTimeout;
        workDirectory = workDirectory == null ? Path.of(".corral", "cell-agent") : workDirectory;
        backend = backend == null ? Backend.PROCESS : backend;
        process = process == null ? new ProcessSettings(null, null, null, null) : process;
        simulated = simulated == null ? new SimulatedSettings(null, null) : simulated;
        requireBetween("heartbeat-ttl", heartbeatTtl, Duration.ofSeconds(3), Duration.ofHours(1));
        requireBetween("reconcile-interval", reconcileInterval, Duration.ofMillis(100), Duration.ofMinutes(10));
        requireBetween("evacuation-timeout", evacuationTimeout, Duration.ZERO, Duration.ofHours(1));
    }

    /** The TTL in whole seconds, as the heartbeat carries it. */
    public int heartbeatTtlSeconds() {
        return (int) heartbeatTtl.toSeconds();
    }

    static void requireBetween(String name, Duration value, Duration min, Duration max) {
        if (value.compareTo(min) < 0 || value.compareTo(max) > 0) {
            throw new IllegalArgumentException(
                    "corral.cell." + name + ": must be between " + min + " and " + max + ", was " + value);
        }
    }

    /** A part left null is measured from the host. */
    public record Capacity(@Min(0) @Max(ApiPatterns.MAX_MEMORY_MB) Integer memoryMb,
            @Min(0) @Max(ApiPatterns.MAX_DISK_MB) Integer diskMb, @Min(0) @Max(100_000) Integer containers) {
    }

    public enum Backend {

        /** Every instance an OS process group in its own directory. */
        PROCESS,
        /** No processes: instances pretend to start, run and sometimes crash. */
        SIMULATED

    }

    /**
     * @param stopGracePeriod between SIGTERM and SIGKILL when an instance stops
     * @param logLimitBytes each of an instance's stdout and stderr keeps at most about
     * twice this (the current file and the one before)
     * @param startupCheckInterval how often the health check is tried until it first
     * passes
     * @param monitorInterval how often it is checked once the instance runs
     */
    public record ProcessSettings(Duration stopGracePeriod, @Min(1024) @Max(1L << 30) Long logLimitBytes,
            Duration startupCheckInterval, Duration monitorInterval) {

        public ProcessSettings {
            stopGracePeriod = stopGracePeriod == null ? Duration.ofSeconds(10) : stopGracePeriod;
            logLimitBytes = logLimitBytes == null ? 1024 * 1024L : logLimitBytes;
            startupCheckInterval = startupCheckInterval == null ? Duration.ofMillis(500) : startupCheckInterval;
            monitorInterval = monitorInterval == null ? Duration.ofSeconds(30) : monitorInterval;
            requireBetween("process.stop-grace-period", stopGracePeriod, Duration.ZERO, Duration.ofMinutes(10));
            requireBetween("process.startup-check-interval", startupCheckInterval, Duration.ofMillis(10),
                    Duration.ofMinutes(1));
            requireBetween("process.monitor-interval", monitorInterval, Duration.ofMillis(10), Duration.ofHours(1));
        }

    }

    /**
     * @param startDelay how long a simulated instance takes to start
     * @param crashRate the chance, per start, that an instance crashes instead of running
     * (0 to 1)
     */
    public record SimulatedSettings(Duration startDelay, @DecimalMin("0.0") @DecimalMax("1.0") Double crashRate) {

        public SimulatedSettings {
            startDelay = startDelay == null ? Duration.ZERO : startDelay;
            crashRate = crashRate == null ? 0.0 : crashRate;
            requireBetween("simulated.start-delay", startDelay, Duration.ZERO, Duration.ofHours(1));
        }

    }

}
