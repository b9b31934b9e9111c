package io.corral.testsupport.fuzz;

/**
 * One hostile request.
 *
 * @param path the concrete path, each variable percent-encoded
 * @param body the body text, null for none
 * @param target what is hostile: one path segment, a body of the endpoint's schema with
 * hostile values, or a body that is not of the schema's shape at all
 * @param wrongType whether a field holds a value of another JSON type than its schema's
 * @param duplicateKey a key the body's top object holds twice, else null
 */
public record FuzzRequest(ApiEndpoint endpoint, String path, String body, Target target, boolean wrongType,
        String duplicateKey) {

    public enum Target {

        PATH, BODY, RAW_BODY

    }

    @Override
    public String toString() {
        String shown = body == null || body.length() < 400 ? body
                : body.substring(0, 400) + "...(" + body.length() + ")";
        return endpoint.method() + " " + path + " [" + target + (wrongType ? ", wrong type" : "")
                + (duplicateKey == null ? "" : ", duplicate " + duplicateKey) + "] " + shown;
    }

}
