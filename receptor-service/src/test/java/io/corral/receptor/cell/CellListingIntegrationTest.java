package io.corral.receptor.cell;

import static org.assertj.core.api.Assertions.assertThat;

import io.corral.receptor.ReceptorIntegrationTest;
import io.corral.receptor.api.Cell;
import io.corral.receptor.client.CellList;
import io.corral.receptor.client.ReceptorClient;
import io.corral.testsupport.ApiFixtures;
import io.corral.testsupport.Eventually;
import io.corral.testsupport.RawHttp;
import io.corral.testsupport.TestTokens;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * A reader of the present cells (placement, before every auction) sends back the tag of
 * the list it has, and reads the cells again only once one appeared, left or changed.
 */
class CellListingIntegrationTest extends ReceptorIntegrationTest {

    @Test
    void theCellsAreListedAgainOnlyOnceOneAppearsChangesOrLeaves() {
        ReceptorClient receptor = receptor();
        receptor.heartbeat("listed-a", ApiFixtures.cell("listed-a", "z1", List.of()));
        CellList first = receptor.cells(null);
        assertThat(first.cells()).extracting(Cell::cellId).containsExactly("listed-a");

        receptor.heartbeat("listed-a", ApiFixtures.cell("listed-a", "z1", List.of()));
        assertThat(receptor.cells(first)).as("after a heartbeat that only refreshes the cell").isSameAs(first);

        receptor.heartbeat("listed-b", ApiFixtures.cell("listed-b", "z2", List.of(), 1));
        CellList appeared = receptor.cells(first);
        assertThat(appeared.cells()).extracting(Cell::cellId).containsExactly("listed-a", "listed-b");

        receptor.heartbeat("listed-a", ApiFixtures.cell("listed-a", "z1", List.of("gpu")));
        CellList changed = receptor.cells(appeared);
        assertThat(cell(changed, "listed-a").placementTags()).containsExactly("gpu");

        receptor.evacuateCell("listed-a");
        CellList evacuating = receptor.cells(changed);
        assertThat(cell(evacuating, "listed-a").evacuating()).isTrue();

        Eventually.await(Duration.ofSeconds(10), "listed-b gone once its heartbeat expired",
                () -> receptor.cells(evacuating).cells().size() == 1);
        CellList left = receptor.cells(evacuating);
        assertThat(left.cells()).extracting(Cell::cellId).containsExactly("listed-a");

        receptor.heartbeat("listed-b", ApiFixtures.cell("listed-b", "z2", List.of()));
        assertThat(receptor.cells(left).cells()).as("a cell back after its heartbeat expired")
            .extracting(Cell::cellId)
            .containsExactly("listed-a", "listed-b");
    }

    @Test
    void aReaderWithTheCurrentListGetsNotModifiedAndNoBody() {
        receptor().heartbeat("tagged", ApiFixtures.cell("tagged", "z1", List.of()));
        String tag = receptor().cells(null).entityTag();
        assertThat(tag).startsWith("W/\"");

        RawHttp.Response unchanged = new RawHttp(baseUri()).sendVerbatim("GET", "/v1/cells", TestTokens.receptorAdmin(),
                Map.of("If-None-Match", tag));

        assertThat(unchanged.status()).isEqualTo(304);
        assertThat(unchanged.body()).isEmpty();
    }

    private static Cell cell(CellList list, String cellId) {
        return list.cells().stream().filter(cell -> cell.cellId().equals(cellId)).findFirst().orElseThrow();
    }

}
