package io.corral.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import java.util.List;
import org.junit.jupiter.api.Test;

class IssueGoalsTest {

    private static EndToEndPlacement.SingleLrps singles(int placed, double p99Ms, long receptorInstances) {
        return new EndToEndPlacement.SingleLrps(200, 1, 250, receptorInstances, placed, 0, 20, 40, p99Ms, p99Ms + 5, 10,
                30, null);
    }

    @Test
    void eachGoalIsMetOnlyWithinItsLimitAtTheGoalsScale() {
        List<IssueGoals.Goal> goals = IssueGoals.of(5_000, 100_000, true, 19.5, 3_100, singles(200, 99.0, 100_000));

        assertThat(goals).extracting(IssueGoals.Goal::met, IssueGoals.Goal::atGoalScale, IssueGoals.Goal::measured)
            .containsExactly(tuple(true, true, "19.5 s"), tuple(true, true, "3,100 instances/s"),
                    tuple(true, true, "p99 99.0 ms over 200 LRPs"));
    }

    @Test
    void aFigureOverItsLimitIsNotMet() {
        List<IssueGoals.Goal> goals = IssueGoals.of(5_000, 100_000, true, 20.1, 2_999, singles(200, 100.0, 100_000));

        assertThat(goals).extracting(IssueGoals.Goal::met).containsExactly(false, false, false);
    }

    @Test
    void anIncompleteRunMeetsNoGoalWhateverItsTimes() {
        List<IssueGoals.Goal> goals = IssueGoals.of(5_000, 100_000, false, 5, 20_000, singles(199, 10, 100_000));

        assertThat(goals).extracting(IssueGoals.Goal::met).containsExactly(false, false, false);
        assertThat(goals.get(0).measured()).isEqualTo("5.0 s (not every instance got a cell)");
        assertThat(goals.get(2).measured()).isEqualTo("p99 10.0 ms over 199 LRPs (1 of 200 LRPs not placed)");
    }

    @Test
    void aSmallerProblemSaysItIsNotTheGoalsScale() {
        List<IssueGoals.Goal> goals = IssueGoals.of(500, 10_000, true, 3, 4_000, singles(200, 50, 10_000));

        assertThat(goals).extracting(IssueGoals.Goal::met).containsExactly(true, true, true);
        assertThat(goals).extracting(IssueGoals.Goal::atGoalScale).containsExactly(false, false, false);
    }

    @Test
    void singleLrpsNotDesiredAreNotMeasured() {
        IssueGoals.Goal single = IssueGoals.of(5_000, 100_000, true, 10, 5_000, null).get(2);

        assertThat(single.met()).isFalse();
        assertThat(single.measured()).isEqualTo("not measured (--single-lrps=0)");
    }

}
