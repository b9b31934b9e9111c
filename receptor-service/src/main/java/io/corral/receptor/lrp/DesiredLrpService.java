package io.corral.receptor.lrp;

import io.corral.receptor.api.DesiredLrp;
import io.corral.receptor.api.DesiredLrpUpdate;
import io.corral.receptor.api.ModificationTag;
import io.corral.receptor.api.event.RecordKind;
import io.corral.receptor.client.ReceptorJson;
import io.corral.receptor.common.EntityStreams;
import io.corral.receptor.common.EpochNanos;
import io.corral.receptor.common.ModificationTags;
import io.corral.receptor.common.RequestRules;
import io.corral.receptor.events.EventPublisher;
import io.corral.receptor.events.OutboxEvent;
import io.corral.receptor.events.RecordEvents;
import io.corral.receptor.lrp.InstanceBatchRows.Instance;
import io.corral.support.web.ApiException;
import io.corral.support.web.ErrorCode;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.function.Consumer;
import java.util.stream.IntStream;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * Desiring, changing and removing LRPs, each with its instances in the same transaction.
 */
@Service
public class DesiredLrpService {

    private final DesiredLrpRepository desired;

    private final DesiredLrpRows rows;

    private final ActualLrpRepository actual;

    private final ActualLrpStore instances;

    private final EventPublisher publisher;

    private final RecordEvents<DesiredLrp> events;

    private final EntityStreams streams;

    private final JsonMapper json = ReceptorJson.mapper();

    public DesiredLrpService(DesiredLrpRepository desired, DesiredLrpRows rows, ActualLrpRepository actual,
            ActualLrpStore instances, EventPublisher publisher, EntityStreams streams) {
        this.desired = desired;
        this.rows = rows;
        this.actual = actual;
        this.instances = instances;
        this.publisher = publisher;
        this.events = publisher.of(RecordKind.DESIRED_LRP);
        this.streams = streams;
    }

    /**
     * Stores a new desired LRP and its UNCLAIMED instances, with their events, in one
     * statement ({@link DesiredLrpRows}): a transaction of its own, never the caller's.
     */
    public DesiredLrp create(DesiredLrp request) {
        RowTransactions.requireNoTransaction();
        RequestRules.requireAction("setup", request.setup());
        RequestRules.requireAction("action", request.action());
        RequestRules.requireAction("monitor", request.monitor());
        RequestRules.requireAnnotation(request.annotation());
        // Stored without a tag: the row's columns hold it.
        String definitionJson = json.writeValueAsString(
                request.modificationTag() == null ? request : request.toBuilder().modificationTag(null).build());
        DesiredLrp created = request.toBuilder()
            .modificationTag(new ModificationTag(UUID.randomUUID().toString(), 0L))
            .build();
        List<Instance> unclaimed = instances.unclaimed(request.processGuid(),
                IntStream.range(0, request.instances()).boxed().toList(), request.domain(), EpochNanos.now());
        if (!rows.insertIfAbsent(request, definitionJson, created.modificationTag().epoch(), unclaimed,
                creationEvents(created, unclaimed))) {
            throw ApiException.conflict("desired LRP '" + request.processGuid() + "' already exists");
        }
        publisher.written();
        return created;
    }

    /** The desired LRP's event, then each instance's, in order. */
    private List<OutboxEvent> creationEvents(DesiredLrp created, List<Instance> unclaimed) {
        List<OutboxEvent> creations = new ArrayList<>(unclaimed.size() + 1);
        creations.add(events.creation(created));
        unclaimed.forEach(instance -> creations.add(instances.creation(instance)));
        return creations;
    }

    @Transactional(readOnly = true)
    public DesiredLrp get(String processGuid) {
        return toApi(find(processGuid));
    }

    /**
     * Hands every desired LRP (of {@code domain}, when given) to {@code sink} without
     * loading them all.
     */
    @Transactional(readOnly = true)
    public void forEach(String domain, Consumer<DesiredLrp> sink) {
        streams.forEach(domain == null ? desired.streamAll() : desired.streamByDomain(domain), this::toApi, sink);
    }

    /**
     * Hands the desired LRPs of the app {@code appGuid} to {@code sink}, newest first.
     */
    @Transactional(readOnly = true)
    public void forEachOfApp(String appGuid, Consumer<DesiredLrp> sink) {
        streams.forEach(desired.streamByAppGuid(appGuid), this::toApi, sink);
    }

    @Transactional
    public DesiredLrp update(String processGuid, DesiredLrpUpdate update) {
        RequestRules.requireAnnotation(update.annotation());
        DesiredLrpEntity entity = find(processGuid);
        if (update.modificationTag() != null) {
            ModificationTags.requireCurrent(update.modificationTag(), entity.modificationTag(),
                    "desired LRP '" + processGuid + "'");
        }
        DesiredLrp before = toApi(entity);
        ObjectNode definition = (ObjectNode) json.readTree(entity.definition());
        int instanceCount = update.instances() == null ? entity.instances() : update.instances();
        definition.put("instances", instanceCount);
        if (update.routes() != null) {
            definition.set("routes", json.valueToTree(update.routes()));
        }
        if (update.annotation() != null) {
            definition.put("annotation", update.annotation());
        }
        if (update.placementTags() != null) {
            definition.set("placement_tags", json.valueToTree(update.placementTags()));
        }
        String newDefinition = json.writeValueAsString(definition);
        if (newDefinition.equals(entity.definition())) {
            return before;
        }
        entity.redefine(instanceCount, newDefinition);
        desired.saveAndFlush(entity);
        DesiredLrp after = toApi(entity);
        events.changed(before, after);
        if (instanceCount != before.instances()) {
            actual.lockByProcess(processGuid);
            reconcileIndices(entity);
        }
        return after;
    }

    @Transactional
    public void delete(String processGuid) {
        DesiredLrpEntity entity = find(processGuid);
        DesiredLrp removed = toApi(entity);
        desired.delete(entity);
        events.removed(removed);
        actual.lockByProcess(processGuid);
        actual.findByProcess(processGuid).forEach(instances::remove);
    }

    /**
     * Creates the missing indices below {@code instances} and retires those at or above
     * it; returns how many instances it created or retired.
     */
    public int reconcileIndices(DesiredLrpEntity entity) {
        List<ActualLrpEntity> existing = actual.findByProcess(entity.processGuid());
        Set<Integer> present = new HashSet<>();
        int changed = 0;
        for (ActualLrpEntity instance : existing) {
            if (instance.index() >= entity.instances()) {
                instances.remove(instance);
                changed++;
            }
            else if (instance.ordinary()) {
                present.add(instance.index());
            }
        }
        List<Integer> missing = IntStream.range(0, entity.instances())
            .filter(index -> !present.contains(index))
            .boxed()
            .toList();
        instances.createAll(entity.processGuid(), missing, entity.domain(), EpochNanos.now());
        return changed + missing.size();
    }

    private DesiredLrpEntity find(String processGuid) {
        return desired.findById(processGuid)
            .orElseThrow(() -> new ApiException(ErrorCode.DESIRED_LRP_NOT_FOUND,
                    "desired LRP '" + processGuid + "' not found"));
    }

    private DesiredLrp toApi(DesiredLrpEntity entity) {
        return toApi((ObjectNode) json.readTree(entity.definition()), entity.instances(), entity.modificationTag());
    }

    /** A stored definition as the API answers it: with its instances and its tag. */
    private DesiredLrp toApi(ObjectNode definition, int instances, ModificationTag tag) {
        definition.put("instances", instances);
        definition.set("modification_tag", json.valueToTree(tag));
        return json.treeToValue(definition, DesiredLrp.class);
    }

}
