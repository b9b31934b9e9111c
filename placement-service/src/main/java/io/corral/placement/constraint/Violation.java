package io.corral.placement.constraint;

import java.util.List;

/** A placed instance whose cell breaks its effective placement rules, and why. */
public record Violation(String processGuid, int index, String instanceGuid, String cellId, List<String> reasons) {
}
