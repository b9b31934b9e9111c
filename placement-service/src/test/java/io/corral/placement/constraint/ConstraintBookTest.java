package io.corral.placement.constraint;

import static org.assertj.core.api.Assertions.assertThat;

import io.corral.placement.auction.PlacementRules;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ConstraintBookTest {

    private static final PlacementConstraint DMZ = new PlacementConstraint(Set.of("dmz"), Set.of("gpu"),
            Map.of("ssd", 10), 2);

    private static final PlacementConstraint LINUX = new PlacementConstraint(Set.of("linux"), Set.of(), Map.of(), null);

    private static final PlacementConstraint BUILD = new PlacementConstraint(Set.of("build"), Set.of(), Map.of(), null);

    @Test
    void aSpacesOwnConstraintWinsOverTheDefault() {
        ConstraintBook book = new ConstraintBook(Map.of(ConstraintScope.space("space-a", Lifecycle.RUNNING), DMZ,
                ConstraintScope.defaultOf(Lifecycle.RUNNING), LINUX));

        assertThat(book.effective("space-a", Lifecycle.RUNNING)).contains(DMZ);
        assertThat(book.effective("space-b", Lifecycle.RUNNING)).contains(LINUX);
        assertThat(book.effective(null, Lifecycle.RUNNING)).contains(LINUX);
    }

    @Test
    void lifecyclesAreKeptApart() {
        ConstraintBook book = new ConstraintBook(Map.of(ConstraintScope.space("space-a", Lifecycle.STAGING), BUILD,
                ConstraintScope.defaultOf(Lifecycle.RUNNING), LINUX));

        assertThat(book.effective("space-a", Lifecycle.STAGING)).contains(BUILD);
        assertThat(book.effective("space-a", Lifecycle.RUNNING)).contains(LINUX);
        assertThat(book.effective("space-b", Lifecycle.STAGING)).isEmpty();
    }

    @Test
    void requiredTagsAreTheWorksOwnAndTheConstraints() {
        ConstraintBook book = new ConstraintBook(Map.of(ConstraintScope.space("space-a", Lifecycle.RUNNING), DMZ));

        PlacementRules rules = book.rulesFor("space-a", Lifecycle.RUNNING, List.of("java", "dmz"));

        assertThat(rules).isEqualTo(new PlacementRules(Set.of("java", "dmz"), Set.of("gpu"), Map.of("ssd", 10), 2));
    }

    @Test
    void withoutAnyConstraintWorkNeedsOnlyItsOwnTags() {
        ConstraintBook book = new ConstraintBook(Map.of(ConstraintScope.space("space-a", Lifecycle.RUNNING), DMZ));

        assertThat(book.rulesFor("space-b", Lifecycle.RUNNING, List.of("java")))
            .isEqualTo(PlacementRules.requiring(Set.of("java")));
        assertThat(book.rulesFor(null, Lifecycle.STAGING, null)).isEqualTo(PlacementRules.NONE);
        assertThat(new ConstraintBook(Map.of()).effective("space-a", Lifecycle.RUNNING)).isEmpty();
    }

    @Test
    void groupsSpacesWithEqualConstraintsAndMarksTheDefault() {
        PlacementConstraint dmzAgain = new PlacementConstraint(Set.of("dmz"), Set.of("gpu"), Map.of("ssd", 10), 2);
        ConstraintBook book = new ConstraintBook(Map.of(ConstraintScope.space("space-c", Lifecycle.RUNNING), DMZ,
                ConstraintScope.space("space-a", Lifecycle.RUNNING), dmzAgain,
                ConstraintScope.space("space-b", Lifecycle.RUNNING), LINUX,
                ConstraintScope.defaultOf(Lifecycle.RUNNING), LINUX, ConstraintScope.defaultOf(Lifecycle.STAGING),
                BUILD));

        assertThat(book.groups(List.of(Lifecycle.STAGING, Lifecycle.RUNNING))).containsExactly(
                new ConstraintGroup(Lifecycle.STAGING, BUILD, true, List.of()),
                new ConstraintGroup(Lifecycle.RUNNING, LINUX, true, List.of("space-b")),
                new ConstraintGroup(Lifecycle.RUNNING, DMZ, false, List.of("space-a", "space-c")));
        assertThat(book.groups(List.of(Lifecycle.RUNNING))).hasSize(2);
    }

    @Test
    void constraintsAreEqualWhateverTheOrderOfTheirTags() {
        PlacementConstraint one = new PlacementConstraint(Set.of("b", "a"), null, null, null);
        PlacementConstraint other = new PlacementConstraint(Set.of("a", "b"), Set.of(), Map.of(), null);

        assertThat(one).isEqualTo(other);
        assertThat(one.tags()).containsExactly("a", "b");
    }

}
