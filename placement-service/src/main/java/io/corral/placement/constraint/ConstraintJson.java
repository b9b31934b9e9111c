package io.corral.placement.constraint;

import io.corral.receptor.client.ReceptorJson;

/**
 * A constraint as stored, in the API's JSON; null stays null (an audit entry's missing
 * side).
 */
final class ConstraintJson {

    private ConstraintJson() {
    }

    static String write(PlacementConstraint constraint) {
        return constraint == null ? null : ReceptorJson.mapper().writeValueAsString(constraint);
    }

    static PlacementConstraint read(String json) {
        return json == null ? null : ReceptorJson.mapper().readValue(json, PlacementConstraint.class);
    }

}
