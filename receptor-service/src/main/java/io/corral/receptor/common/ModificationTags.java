package io.corral.receptor.common;

import io.corral.receptor.api.ModificationTag;
import io.corral.support.web.ApiException;

/** A write that names a modification tag applies only to that version of the record. */
public final class ModificationTags {

    private ModificationTags() {
    }

    /**
     * Refuses with 409 ResourceConflict unless {@code given} is {@code current};
     * {@code what} names the record.
     */
    public static void requireCurrent(ModificationTag given, ModificationTag current, String what) {
        if (!current.equals(given)) {
            throw ApiException
                .conflict("modification_tag is stale: " + what + " is at " + current.epoch() + "/" + current.index());
        }
    }

}
