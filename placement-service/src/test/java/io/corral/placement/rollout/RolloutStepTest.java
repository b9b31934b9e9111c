package io.corral.placement.rollout;

import static io.corral.placement.rollout.RolloutInstanceState.GONE;
import static io.corral.placement.rollout.RolloutInstanceState.PENDING;
import static io.corral.placement.rollout.RolloutInstanceState.REPLACED;
import static io.corral.placement.rollout.RolloutInstanceState.REPLACING;
import static io.corral.placement.rollout.RolloutInstanceState.SKIPPED;
import static org.assertj.core.api.Assertions.assertThat;

import io.corral.receptor.api.ActualLrp;
import io.corral.receptor.api.ActualLrpPresence;
import io.corral.receptor.api.ActualLrpState;
import io.corral.receptor.api.ModificationTag;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RolloutStepTest {

    private final Map<String, RolloutStep.IndexView> receptor = new HashMap<>();

    @Test
    void evacuatesOneRunningInstancePerProcessAtATime() {
        running("web", 0, "old-0");
        running("web", 1, "old-1");
        running("api", 0, "old-a");

        List<RolloutStep.Decision> decisions = decide(
                List.of(pending("api", 0, "old-a"), pending("web", 0, "old-0"), pending("web", 1, "old-1")), 10);

        assertThat(decisions).extracting(d -> d.item().processGuid() + "/" + d.item().index())
            .containsExactly("api/0", "web/0");
        assertThat(decisions).allMatch(RolloutStep.Decision::evacuate);
    }

    @Test
    void waitsWhileAnInstanceOfTheProcessIsBeingReplacedOrTheBudgetIsSpent() {
        running("web", 1, "old-1");
        evacuating("web", 0, "old-0", instance("web", 0, "new-0", ActualLrpState.CLAIMED, "cell-b"));

        assertThat(decide(List.of(replacing("web", 0, "old-0"), pending("web", 1, "old-1")), 10))
            .extracting(RolloutStep.Decision::state)
            .containsExactly(REPLACING);
        running("api", 0, "old-a");
        assertThat(decide(List.of(pending("api", 0, "old-a")), 0)).isEmpty();
    }

    @Test
    void neverEvacuatesAnInstanceThatIsNotRunning() {
        receptor.put("web/0",
                new RolloutStep.IndexView(instance("web", 0, "old-0", ActualLrpState.CLAIMED, "cell-a"), null, null));

        assertThat(decide(List.of(pending("web", 0, "old-0")), 10)).isEmpty();
    }

    @Test
    void anInstanceIsReplacedOnceTheReceptorHasRemovedTheEvacuatingOne() {
        receptor.put("web/0",
                new RolloutStep.IndexView(instance("web", 0, "new-0", ActualLrpState.RUNNING, "cell-b"), null, null));

        RolloutStep.Decision decision = decide(List.of(replacing("web", 0, "old-0")), 10).get(0);

        assertThat(decision.state()).isEqualTo(REPLACED);
        assertThat(decision.replacement().cellId()).isEqualTo("cell-b");
    }

    @Test
    void aReplacementThatCannotBePlacedShowsWhy() {
        ActualLrp unplaced = new ActualLrp("web", "new-0", null, "cf-apps", 0, null, List.of(),
                ActualLrpState.UNCLAIMED, "found no compatible cell", 1, 0, null, false, new ModificationTag("e", 1));
        evacuating("web", 0, "old-0", unplaced);

        assertThat(decide(List.of(replacing("web", 0, "old-0")), 10).get(0).detail())
            .isEqualTo("replacement unplaced: found no compatible cell");
    }

    @Test
    void instancesThatWentAwayOrNoLongerBreakTheRulesAreLeftAlone() {
        running("web", 1, "someone-else");
        running("web", 2, "fine-now");

        List<RolloutStep.Decision> decisions = RolloutStep.decide(
                List.of(pending("web", 0, "old-0"), pending("web", 1, "old-1"), pending("web", 2, "fine-now")),
                this::at, instance -> false, 10);

        assertThat(decisions).extracting(RolloutStep.Decision::state).containsExactly(GONE, GONE, SKIPPED);
    }

    @Test
    void aStepThatEvacuatedButWasNotRecordedIsResumed() {
        evacuating("web", 0, "old-0", instance("web", 0, "new-0", ActualLrpState.UNCLAIMED, null));

        RolloutStep.Decision decision = decide(List.of(pending("web", 0, "old-0")), 10).get(0);

        assertThat(decision.state()).isEqualTo(REPLACING);
        assertThat(decision.evacuate()).isFalse();
    }

    @Test
    void anInstanceWhoseCellIsGoneIsNeverEvacuatedButWaitedFor() {
        ActualLrp suspect = new ActualLrp("web", "old-0", "cell-gone", "cf-apps", 0, "10.0.0.1", List.of(),
                ActualLrpState.RUNNING, null, 1, 0, null, false, ActualLrpPresence.SUSPECT, new ModificationTag("e", 4),
                false);
        ActualLrp replacement = instance("web", 0, "new-0", ActualLrpState.UNCLAIMED, null);
        receptor.put("web/0", new RolloutStep.IndexView(replacement, null, suspect));

        assertThat(decide(List.of(pending("web", 0, "old-0")), 10)).as("neither evacuated nor given up on").isEmpty();

        running("web", 0, "old-0");
        assertThat(decide(List.of(pending("web", 0, "old-0")), 10)).as("its cell came back")
            .singleElement()
            .satisfies(decision -> assertThat(decision.evacuate()).isTrue());
        running("web", 0, "new-0");
        assertThat(decide(List.of(pending("web", 0, "old-0")), 10)).as("its replacement ran")
            .extracting(RolloutStep.Decision::state)
            .containsExactly(GONE);
    }

    @Test
    void theReceptorsInstancesAreSeenByIndexAndPresenceInWhateverOrderTheyCome() {
        ActualLrp current = instance("web", 0, "new-0", ActualLrpState.UNCLAIMED, null);
        ActualLrp suspect = new ActualLrp("web", "old-0", "cell-gone", "cf-apps", 0, "10.0.0.1", List.of(),
                ActualLrpState.RUNNING, null, 1, 0, null, false, ActualLrpPresence.SUSPECT, new ModificationTag("e", 4),
                false);
        ActualLrp evacuating = new ActualLrp("web", "old-1", "cell-a", "cf-apps", 1, "10.0.0.2", List.of(),
                ActualLrpState.RUNNING, null, 1, 0, null, true, new ModificationTag("e", 3));
        ActualLrp replacement = instance("web", 1, "new-1", ActualLrpState.CLAIMED, "cell-b");

        for (List<ActualLrp> listed : List.of(List.of(current, suspect, replacement, evacuating),
                List.of(evacuating, suspect, replacement, current))) {
            RolloutStep.Indices indices = RolloutStep.indicesOf(listed);
            assertThat(indices.at("web", 0)).isEqualTo(new RolloutStep.IndexView(current, null, suspect));
            assertThat(indices.at("web", 1)).isEqualTo(new RolloutStep.IndexView(replacement, evacuating, null));
            assertThat(indices.at("web", 2)).isEqualTo(new RolloutStep.IndexView(null, null, null));
        }
    }

    private List<RolloutStep.Decision> decide(List<RolloutStep.Item> items, int budget) {
        return RolloutStep.decide(items, this::at, instance -> true, budget);
    }

    private RolloutStep.IndexView at(String processGuid, int index) {
        return receptor.getOrDefault(processGuid + "/" + index, new RolloutStep.IndexView(null, null, null));
    }

    private void running(String processGuid, int index, String instanceGuid) {
        receptor.put(processGuid + "/" + index, new RolloutStep.IndexView(
                instance(processGuid, index, instanceGuid, ActualLrpState.RUNNING, "cell-a"), null, null));
    }

    private void evacuating(String processGuid, int index, String oldGuid, ActualLrp replacement) {
        ActualLrp old = new ActualLrp(processGuid, oldGuid, "cell-a", "cf-apps", index, "10.0.0.1", List.of(),
                ActualLrpState.RUNNING, null, 1, 0, null, true, new ModificationTag("e", 3));
        receptor.put(processGuid + "/" + index, new RolloutStep.IndexView(replacement, old, null));
    }

    private static ActualLrp instance(String processGuid, int index, String guid, ActualLrpState state, String cellId) {
        return new ActualLrp(processGuid, guid, cellId, "cf-apps", index, null, List.of(), state, null, 1, 0, null,
                false, new ModificationTag("e", 1));
    }

    private static RolloutStep.Item pending(String processGuid, int index, String oldGuid) {
        return new RolloutStep.Item(processGuid, index, oldGuid, PENDING);
    }

    private static RolloutStep.Item replacing(String processGuid, int index, String oldGuid) {
        return new RolloutStep.Item(processGuid, index, oldGuid, REPLACING);
    }

}
