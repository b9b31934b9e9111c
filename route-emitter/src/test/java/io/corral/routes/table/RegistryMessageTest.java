package io.corral.routes.table;

import static org.assertj.core.api.Assertions.assertThat;

import io.corral.receptor.client.ReceptorJson;
import java.nio.charset.StandardCharsets;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

class RegistryMessageTest {

    @Test
    void aRouteIsTheMessageGorouterReadsWithEmptyOptionalFieldsLeftOut() {
        Endpoint endpoint = new Endpoint("app.example.com", "10.0.0.9", 61000, "web", null, "log-1", "i-1", 3, "z1",
                null, null, "http1", 1234L);
        assertThat(new String(RegistryMessage.json(endpoint), StandardCharsets.UTF_8))
            .isEqualTo("{\"host\":\"10.0.0.9\",\"port\":61000,\"uris\":[\"app.example.com\"],\"app\":\"log-1\","
                    + "\"private_instance_id\":\"i-1\",\"private_instance_index\":\"3\","
                    + "\"availability_zone\":\"z1\",\"protocol\":\"http1\",\"endpoint_updated_at_ns\":1234,"
                    + "\"tags\":{\"component\":\"route-emitter\",\"process_id\":\"web\"}}");
    }

    @Test
    void aPinnedRouteWithARouteServiceCarriesBoth() {
        Endpoint endpoint = new Endpoint("app.example.com", "10.0.0.9", 61000, "web", "app-1", "log-1", "i-1", 0, "z1",
                "dmz", "https://rs.example.com", "http2", 1L);
        JsonNode message = ReceptorJson.mapper().readTree(RegistryMessage.json(endpoint));
        assertThat(message.path("isolation_segment").asString()).isEqualTo("dmz");
        assertThat(message.path("route_service_url").asString()).isEqualTo("https://rs.example.com");
        assertThat(message.path("protocol").asString()).isEqualTo("http2");
        assertThat(message.path("tags").path("app_id").asString()).isEqualTo("app-1");
    }

    @Property(tries = 300)
    void anyTextSurvivesTheTripThroughJson(@ForAll String hostname, @ForAll String app, @ForAll String zone) {
        Endpoint endpoint = new Endpoint(hostname, "10.0.0.1", 1, "web", null, app, "i-1", 0, zone, null, null, "http1",
                0L);
        JsonNode message = JsonMapper.builder().build().readTree(RegistryMessage.json(endpoint));
        assertThat(message.path("uris").get(0).asString()).isEqualTo(clean(hostname));
        if (!app.isEmpty()) {
            assertThat(message.path("app").asString()).isEqualTo(clean(app));
        }
        if (!zone.isEmpty()) {
            assertThat(message.path("availability_zone").asString()).isEqualTo(clean(zone));
        }
    }

    /** What UTF-8 keeps of a Java string: lone surrogates become '?'. */
    private static String clean(String text) {
        return new String(text.getBytes(StandardCharsets.UTF_8), StandardCharsets.UTF_8);
    }

}
