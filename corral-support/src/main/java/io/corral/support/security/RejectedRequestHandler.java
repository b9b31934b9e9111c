package io.corral.support.security;

import io.corral.support.web.ApiErrorWriter;
import io.corral.support.web.ErrorCode;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.security.web.firewall.RequestRejectedException;
import org.springframework.security.web.firewall.RequestRejectedHandler;

/**
 * A URL the firewall refuses (an encoded or doubled separator, a dot segment, {@code ;},
 * a control character) is a malformed request, 400: answered here, before any token is
 * looked at, so a client is never told its good token is bad.
 */
public class RejectedRequestHandler implements RequestRejectedHandler {

    private static final Logger log = LoggerFactory.getLogger(RejectedRequestHandler.class);

    private final ApiErrorWriter errorWriter;

    public RejectedRequestHandler(ApiErrorWriter errorWriter) {
        this.errorWriter = errorWriter;
    }

    @Override
    public void handle(HttpServletRequest request, HttpServletResponse response, RequestRejectedException e)
            throws IOException {
        log.debug("refused a request: {}", e.getMessage());
        errorWriter.write(response, ErrorCode.INVALID_REQUEST,
                "the request URL is not accepted: encoded or doubled slashes, dot segments, ';', backslashes"
                        + " and control characters are refused in paths");
    }

}
