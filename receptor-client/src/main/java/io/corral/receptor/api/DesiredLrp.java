package io.corral.receptor.api;

import static io.corral.receptor.api.ApiPatterns.GUID;
import static io.corral.receptor.api.ApiPatterns.GUID_MESSAGE;
import static io.corral.receptor.api.ApiPatterns.MAX_GUID_LENGTH;
import static io.corral.receptor.api.ApiPatterns.NAME;
import static io.corral.receptor.api.ApiPatterns.NAME_MESSAGE;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.JsonNode;

/**
 * What should run: a long-running process of {@code instances} identical instances. The
 * same shape is the create request and the response; {@code modification_tag} is set by
 * the receptor.
 */
public record DesiredLrp(
        @NotBlank @Size(max = MAX_GUID_LENGTH) @Pattern(regexp = GUID, message = GUID_MESSAGE) String processGuid,
        @NotBlank @Size(max = MAX_GUID_LENGTH) @Pattern(regexp = NAME, message = NAME_MESSAGE) String domain,
        @NotBlank @Size(max = 1024) String rootfs, @NotNull @Min(0) @Max(ApiPatterns.MAX_INSTANCES) Integer instances,
        @Size(max = ApiPatterns.MAX_LIST_SIZE) List<@NotNull @Valid EnvironmentVariable> env, JsonNode setup,
        @NotNull JsonNode action, JsonNode monitor, @Min(0) @Max(86_400) Integer startTimeout,
        @Min(0) @Max(100) Integer cpuWeight, @Min(0) @Max(ApiPatterns.MAX_DISK_MB) Integer diskMb,
        @Min(0) @Max(ApiPatterns.MAX_MEMORY_MB) Integer memoryMb, Boolean privileged,
        @Size(max = 64) List<@NotNull @Min(1) @Max(65535) Integer> ports,
        @Size(max = 16) Map<@NotBlank @Size(max = 64) String, JsonNode> routes,
        @Size(max = MAX_GUID_LENGTH) String logGuid, @Size(max = MAX_GUID_LENGTH) String logSource,
        @Size(max = MAX_GUID_LENGTH) String metricsGuid, String annotation,
        @Size(max = ApiPatterns.MAX_LIST_SIZE) List<JsonNode> egressRules,
        @Size(max = ApiPatterns.MAX_TAGS) List<@NotNull @Pattern(regexp = NAME,
                message = NAME_MESSAGE) String> placementTags,
        @Size(max = MAX_GUID_LENGTH) @Pattern(regexp = GUID, message = GUID_MESSAGE) String spaceGuid,
        @Size(max = MAX_GUID_LENGTH) @Pattern(regexp = GUID, message = GUID_MESSAGE) String appGuid,
        ModificationTag modificationTag) {

    public static Builder builder() {
        return new Builder();
    }

    /** A builder holding this LRP's fields, to make a copy that differs in a few. */
    public Builder toBuilder() {
        return builder().processGuid(processGuid)
            .domain(domain)
            .rootfs(rootfs)
            .instances(instances)
            .env(env)
            .setup(setup)
            .action(action)
            .monitor(monitor)
            .startTimeout(startTimeout)
            .cpuWeight(cpuWeight)
            .diskMb(diskMb)
            .memoryMb(memoryMb)
            .privileged(privileged)
            .ports(ports)
            .routes(routes)
            .logGuid(logGuid)
            .logSource(logSource)
            .metricsGuid(metricsGuid)
            .annotation(annotation)
            .egressRules(egressRules)
            .placementTags(placementTags)
            .spaceGuid(spaceGuid)
            .appGuid(appGuid)
            .modificationTag(modificationTag);
    }

    /**
     * Builds a {@link DesiredLrp} field by field; fields not set stay null, as in a
     * request that omits them.
     */
    public static final class Builder {

        private String processGuid;

        private String domain;

        private String rootfs;

        private Integer instances;

        private List<EnvironmentVariable> env;

        private JsonNode setup;

        private JsonNode action;

        private JsonNode monitor;

        private Integer startTimeout;

        private Integer cpuWeight;

        private Integer diskMb;

        private Integer memoryMb;

        private Boolean privileged;

        private List<Integer> ports;

        private Map<String, JsonNode> routes;

        private String logGuid;

        private String logSource;

        private String metricsGuid;

        private String annotation;

        private List<JsonNode> egressRules;

        private List<String> placementTags;

        private String spaceGuid;

        private String appGuid;

        private ModificationTag modificationTag;

        private Builder() {
        }

        public Builder processGuid(String processGuid) {
            this.processGuid = processGuid;
            return this;
        }

        public Builder domain(String domain) {
            this.domain = domain;
            return this;
        }

        public Builder rootfs(String rootfs) {
            this.rootfs = rootfs;
            return this;
        }

        public Builder instances(Integer instances) {
            this.instances = instances;
            return this;
        }

        public Builder env(List<EnvironmentVariable> env) {
            this.env = env;
            return this;
        }

        public Builder setup(JsonNode setup) {
            this.setup = setup;
            return this;
        }

        public Builder action(JsonNode action) {
            this.action = action;
            return this;
        }

        public Builder monitor(JsonNode monitor) {
            this.monitor = monitor;
            return this;
        }

        public Builder startTimeout(Integer startTimeout) {
            this.startTimeout = startTimeout;
            return this;
        }

        public Builder cpuWeight(Integer cpuWeight) {
            this.cpuWeight = cpuWeight;
            return this;
        }

        public Builder diskMb(Integer diskMb) {
            this.diskMb = diskMb;
            return this;
        }

        public Builder memoryMb(Integer memoryMb) {
            this.memoryMb = memoryMb;
            return this;
        }

        public Builder privileged(Boolean privileged) {
            this.privileged = privileged;
            return this;
        }

        public Builder ports(List<Integer> ports) {
            this.ports = ports;
            return this;
        }

        public Builder routes(Map<String, JsonNode> routes) {
            this.routes = routes;
            return this;
        }

        public Builder logGuid(String logGuid) {
            this.logGuid = logGuid;
            return this;
        }

        public Builder logSource(String logSource) {
            this.logSource = logSource;
            return this;
        }

        public Builder metricsGuid(String metricsGuid) {
            this.metricsGuid = metricsGuid;
            return this;
        }

        public Builder annotation(String annotation) {
            this.annotation = annotation;
            return this;
        }

        public Builder egressRules(List<JsonNode> egressRules) {
            this.egressRules = egressRules;
            return this;
        }

        public Builder placementTags(List<String> placementTags) {
            this.placementTags = placementTags;
            return this;
        }

        public Builder spaceGuid(String spaceGuid) {
            this.spaceGuid = spaceGuid;
            return this;
        }

        public Builder appGuid(String appGuid) {
            this.appGuid = appGuid;
            return this;
        }

        public Builder modificationTag(ModificationTag modificationTag) {
            this.modificationTag = modificationTag;
            return this;
        }

        public DesiredLrp build() {
            return new DesiredLrp(processGuid, domain, rootfs, instances, env, setup, action, monitor, startTimeout,
                    cpuWeight, diskMb, memoryMb, privileged, ports, routes, logGuid, logSource, metricsGuid, annotation,
                    egressRules, placementTags, spaceGuid, appGuid, modificationTag);
        }

    }
}
