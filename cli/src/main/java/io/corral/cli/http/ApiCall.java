package io.corral.cli.http;

import io.corral.cli.config.ServiceUrl;
import io.corral.cli.config.Token;

/**
 * One request of a command, described for the messages of its failures: the service and
 * URL, the method and path, the token and the scope the endpoint needs (null when any
 * valid token will do).
 */
public record ApiCall(ServiceUrl url, Token token, String method, String path, String scope) {

    String service() {
        return url.service().displayName();
    }

    String request() {
        return method + " " + path;
    }

}
