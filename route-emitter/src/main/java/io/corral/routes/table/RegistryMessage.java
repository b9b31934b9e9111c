package io.corral.routes.table;

import java.nio.charset.StandardCharsets;

/**
 * The JSON gorouter reads on {@code router.register} and {@code router.unregister}: one
 * hostname per message, optional fields left out when empty. Written by hand, since the
 * leader writes one per route at every re-registration.
 */
public final class RegistryMessage {

    public static final String REGISTER = "router.register";

    public static final String UNREGISTER = "router.unregister";

    public static final String COMPONENT = "route-emitter";

    private RegistryMessage() {
    }

    public static byte[] json(Endpoint endpoint) {
        return append(new StringBuilder(384), endpoint).toString().getBytes(StandardCharsets.UTF_8);
    }

    /** Appends the message's JSON object to {@code out}. */
    public static StringBuilder append(StringBuilder out, Endpoint endpoint) {
        out.append("{\"host\":");
        string(out, endpoint.host());
        out.append(",\"port\":").append(endpoint.port()).append(",\"uris\":[");
        string(out, endpoint.hostname());
        out.append(']');
        optional(out, "app", endpoint.app());
        optional(out, "private_instance_id", endpoint.instanceGuid());
        out.append(",\"private_instance_index\":\"").append(endpoint.index()).append('"');
        optional(out, "availability_zone", endpoint.zone());
        optional(out, "isolation_segment", endpoint.isolationSegment());
        optional(out, "route_service_url", endpoint.routeServiceUrl());
        optional(out, "protocol", endpoint.protocol());
        out.append(",\"endpoint_updated_at_ns\":").append(endpoint.updatedAtNs());
        out.append(",\"tags\":{\"component\":\"").append(COMPONENT).append('"');
        optional(out, "process_id", endpoint.processGuid());
        optional(out, "app_id", endpoint.appGuid());
        return out.append("}}");
    }

    private static void optional(StringBuilder out, String field, String value) {
        if (value != null && !value.isEmpty()) {
            out.append(",\"").append(field).append("\":");
            string(out, value);
        }
    }

    /** A JSON string, escaped as RFC 8259 requires. */
    static void string(StringBuilder out, String value) {
        out.append('"');
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                default -> {
                    if (c < 0x20) {
                        out.append(String.format("\\u%04x", (int) c));
                    }
                    else {
                        out.append(c);
                    }
                }
            }
        }
        out.append('"');
    }

}
