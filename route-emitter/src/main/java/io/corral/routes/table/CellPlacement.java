package io.corral.routes.table;

/**
 * What routes take from the cell an instance runs on.
 *
 * @param isolationSegment the cell's isolating tag (its required placement tags, sorted
 * and joined with {@code ,}); null for an untagged cell
 */
public record CellPlacement(String zone, String isolationSegment) {

    public static final CellPlacement UNKNOWN = new CellPlacement(null, null);

}
