package io.corral.placement.constraint;

import static io.corral.receptor.api.ApiPatterns.MAX_GUID_LENGTH;
import static io.corral.receptor.api.ApiPatterns.MAX_INSTANCES;
import static io.corral.receptor.api.ApiPatterns.MAX_TAGS;
import static io.corral.receptor.api.ApiPatterns.NAME;
import static io.corral.receptor.api.ApiPatterns.NAME_MESSAGE;
import static io.corral.receptor.api.ApiPatterns.NAME_RULE;
import static io.corral.receptor.api.ApiPatterns.isName;

import io.corral.support.web.ApiException;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * The body of a PUT: a constraint. Absent lists are empty; unknown fields are ignored, as
 * the receptor ignores them.
 */
record ConstraintRequest(
        @Size(max = MAX_TAGS) List<@NotNull @Size(max = MAX_GUID_LENGTH) @Pattern(regexp = NAME,
                message = NAME_MESSAGE) String> tags,
        @Size(max = MAX_TAGS) List<@NotNull @Size(max = MAX_GUID_LENGTH) @Pattern(regexp = NAME,
                message = NAME_MESSAGE) String> forbiddenTags,
        @Size(max = MAX_TAGS) Map<String, Integer> preferredTags,
        @Min(1) @Max(MAX_INSTANCES) Integer maxInstancesPerCell) {

    private static final int MAX_WEIGHT = 100;

    /**
     * The constraint asked for. Checked here rather than by annotations: preferred tags,
     * so that a message names the tag as given; and a tag both required and forbidden,
     * which nothing could satisfy.
     */
    PlacementConstraint toConstraint() {
        if (preferredTags != null) {
            preferredTags.forEach(ConstraintRequest::requireWeightedTag);
        }
        PlacementConstraint constraint = new PlacementConstraint(asSet(tags), asSet(forbiddenTags), preferredTags,
                maxInstancesPerCell);
        Set<String> both = new TreeSet<>(constraint.tags());
        both.retainAll(constraint.forbiddenTags());
        if (!both.isEmpty()) {
            throw ApiException.invalidRequest("forbidden_tags: " + String.join(", ", both)
                    + " also in tags; a tag cannot be both required and forbidden");
        }
        return constraint;
    }

    private static void requireWeightedTag(String tag, Integer weight) {
        if (!isName(tag)) {
            throw ApiException.invalidRequest("preferred_tags[" + tag + "]: the tag " + NAME_RULE);
        }
        if (weight == null || weight < 1 || weight > MAX_WEIGHT) {
            throw ApiException
                .invalidRequest("preferred_tags[" + tag + "]: the weight must be between 1 and " + MAX_WEIGHT);
        }
    }

    private static Set<String> asSet(List<String> values) {
        return values == null ? Set.of() : Set.copyOf(values);
    }
}
