package io.corral.routes.table;

import java.io.ByteArrayOutputStream;
import java.util.Arrays;

/**
 * The JSON gorouter reads on {@code router.register} and {@code router.unregister}: one
 * hostname per message, optional fields left out when empty. Written straight into UTF-8
 * bytes, since the leader writes one per route at every re-registration.
 */
public final class RegistryMessage {

    public static final String REGISTER = "router.register";

    public static final String UNREGISTER = "router.unregister";

    public static final String COMPONENT = "route-emitter";

    private static final byte[] HEX = "0123456789abcdef".getBytes(java.nio.charset.StandardCharsets.US_ASCII);

    private byte[] bytes = new byte[512];

    private int length;

    private RegistryMessage() {
    }

    public static byte[] json(Endpoint endpoint) {
        RegistryMessage message = new RegistryMessage();
        message.write(endpoint);
        return Arrays.copyOf(message.bytes, message.length);
    }

    /** Writes the message's JSON object to {@code out}. */
    public static void writeTo(ByteArrayOutputStream out, Endpoint endpoint) {
        RegistryMessage message = new RegistryMessage();
        message.write(endpoint);
        out.write(message.bytes, 0, message.length);
    }

    private void write(Endpoint endpoint) {
        ascii("{\"host\":");
        string(endpoint.host());
        ascii(",\"port\":");
        ascii(Integer.toString(endpoint.port()));
        ascii(",\"uris\":[");
        string(endpoint.hostname());
        ascii("]");
        optional(",\"app\":", endpoint.app());
        optional(",\"private_instance_id\":", endpoint.instanceGuid());
        ascii(",\"private_instance_index\":\"");
        ascii(Integer.toString(endpoint.index()));
        ascii("\"");
        optional(",\"availability_zone\":", endpoint.zone());
        optional(",\"isolation_segment\":", endpoint.isolationSegment());
        optional(",\"route_service_url\":", endpoint.routeServiceUrl());
        optional(",\"protocol\":", endpoint.protocol());
        ascii(",\"endpoint_updated_at_ns\":");
        ascii(Long.toString(endpoint.updatedAtNs()));
        ascii(",\"tags\":{\"component\":\"" + COMPONENT + "\"");
        optional(",\"process_id\":", endpoint.processGuid());
        optional(",\"app_id\":", endpoint.appGuid());
        ascii("}}");
    }

    private void optional(String key, String value) {
        if (value != null && !value.isEmpty()) {
            ascii(key);
            string(value);
        }
    }

    /** Text known to be plain ASCII needing no escapes. */
    private void ascii(String text) {
        ensure(text.length());
        for (int i = 0; i < text.length(); i++) {
            bytes[length++] = (byte) text.charAt(i);
        }
    }

    /**
     * A JSON string, escaped as RFC 8259 requires, in UTF-8 (a lone surrogate is '?').
     */
    private void string(String value) {
        ensure(value.length() * 6 + 2);
        bytes[length++] = '"';
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c >= 0x20 && c < 0x80 && c != '"' && c != '\\') {
                bytes[length++] = (byte) c;
            }
            else if (c == '"' || c == '\\') {
                bytes[length++] = '\\';
                bytes[length++] = (byte) c;
            }
            else if (c < 0x20) {
                control(c);
            }
            else if (c < 0x800) {
                bytes[length++] = (byte) (0xc0 | c >> 6);
                bytes[length++] = (byte) (0x80 | c & 0x3f);
            }
            else if (Character.isHighSurrogate(c) && i + 1 < value.length()
                    && Character.isLowSurrogate(value.charAt(i + 1))) {
                int code = Character.toCodePoint(c, value.charAt(++i));
                bytes[length++] = (byte) (0xf0 | code >> 18);
                bytes[length++] = (byte) (0x80 | code >> 12 & 0x3f);
                bytes[length++] = (byte) (0x80 | code >> 6 & 0x3f);
                bytes[length++] = (byte) (0x80 | code & 0x3f);
            }
            else if (Character.isSurrogate(c)) {
                bytes[length++] = '?';
            }
            else {
                bytes[length++] = (byte) (0xe0 | c >> 12);
                bytes[length++] = (byte) (0x80 | c >> 6 & 0x3f);
                bytes[length++] = (byte) (0x80 | c & 0x3f);
            }
        }
        bytes[length++] = '"';
    }

    private void control(char c) {
        bytes[length++] = '\\';
        switch (c) {
            case '\n' -> bytes[length++] = 'n';
            case '\r' -> bytes[length++] = 'r';
            case '\t' -> bytes[length++] = 't';
            default -> {
                bytes[length++] = 'u';
                bytes[length++] = '0';
                bytes[length++] = '0';
                bytes[length++] = HEX[c >> 4];
                bytes[length++] = HEX[c & 0xf];
            }
        }
    }

    private void ensure(int more) {
        if (length + more > bytes.length) {
            bytes = Arrays.copyOf(bytes, Math.max(bytes.length * 2, length + more));
        }
    }

}
