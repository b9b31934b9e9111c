package io.corral.routes;

import io.corral.testsupport.nats.RouterSpy;
import io.corral.receptor.ReceptorApplication;
import io.corral.receptor.api.ActualLrp;
import io.corral.receptor.api.DesiredLrp;
import io.corral.receptor.client.ReceptorJson;
import io.corral.receptor.convergence.ConvergenceRunner;
import io.corral.testsupport.ApiFixtures;
import io.corral.testsupport.ServiceUnderTest;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * A real receptor on real PostgreSQL and route emitters pointed at it and at a real NATS:
 * what the tests of routes share.
 */
abstract class RoutesIntegrationTest {

    static ServiceUnderTest startReceptor() {
        return ServiceUnderTest.start(ReceptorApplication.SERVICE, Map.of("corral.convergence.interval", "1h"));
    }

    static ServiceUnderTest startEmitter(ServiceUnderTest receptor, String natsUrl, Map<String, String> settings) {
        Map<String, String> all = new HashMap<>();
        all.put("corral.receptor.url", receptor.uri().toString());
        if (natsUrl != null) {
            all.put("corral.routes.nats.servers[0]", natsUrl);
        }
        all.put("corral.routes.lease-ttl", "3s");
        all.putAll(settings);
        return ServiceUnderTest.start(RouteEmitterApplication.SERVICE, all);
    }

    static void converge(ServiceUnderTest receptor) {
        receptor.bean(ConvergenceRunner.class).runOnce();
    }

    /**
     * A web app of {@code instances} routed at {@code hostnames} on container port 8080.
     */
    static DesiredLrp webApp(String processGuid, int instances, String... hostnames) {
        return ApiFixtures.desiredLrpBuilder(processGuid).instances(instances).routes(cfRouter(hostnames)).build();
    }

    static Map<String, JsonNode> cfRouter(String... hostnames) {
        StringBuilder names = new StringBuilder();
        for (String hostname : hostnames) {
            names.append(names.isEmpty() ? "" : ",").append('"').append(hostname).append('"');
        }
        return Map.of("cf-router",
                ReceptorJson.mapper().readTree("[{\"hostnames\": [" + names + "], \"port\": 8080}]"));
    }

    /**
     * The exact register message for {@code instance} of {@code webApp(processGuid)} on a
     * cell of {@code zone}.
     */
    static JsonNode expectedMessage(ActualLrp instance, String hostname, int hostPort, String zone,
            String isolationSegment) {
        ObjectNode message = ReceptorJson.mapper().createObjectNode();
        message.put("host", instance.address());
        message.put("port", hostPort);
        message.putArray("uris").add(hostname);
        message.put("app", instance.processGuid());
        message.put("private_instance_id", instance.instanceGuid());
        message.put("private_instance_index", Integer.toString(instance.index()));
        message.put("availability_zone", zone);
        if (isolationSegment != null) {
            message.put("isolation_segment", isolationSegment);
        }
        message.put("protocol", "http1");
        message.put("endpoint_updated_at_ns", instance.since());
        ObjectNode tags = message.putObject("tags");
        tags.put("component", "route-emitter");
        tags.put("process_id", instance.processGuid());
        tags.put("app_id", "app-" + instance.processGuid());
        return message;
    }

    static List<String> hostnamesOf(List<RouterSpy.Heard> heard) {
        return heard.stream().map(h -> h.json().path("uris").get(0).asString()).toList();
    }

}
