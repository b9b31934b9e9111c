package io.corral.receptor.api;

import static io.corral.receptor.api.ApiPatterns.NAME;
import static io.corral.receptor.api.ApiPatterns.NAME_MESSAGE;

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
 * The fields of a desired LRP that may change in place; a null field is left as it is.
 * With {@code modification_tag} the update applies only to that version of the record.
 */
public record DesiredLrpUpdate(@Min(0) @Max(ApiPatterns.MAX_INSTANCES) Integer instances,
        @Size(max = 16) Map<@NotBlank @Size(max = 64) String, JsonNode> routes, String annotation,
        @Size(max = ApiPatterns.MAX_TAGS) List<@NotNull @Pattern(regexp = NAME,
                message = NAME_MESSAGE) String> placementTags,
        ModificationTag modificationTag) {
}
