package io.corral.support.web;

import org.springframework.http.HttpStatus;

/** A request body longer than {@code corral.web.max-request-bytes}. */
public class RequestTooLargeException extends ApiException {

    public RequestTooLargeException(long limit) {
        super(HttpStatus.CONTENT_TOO_LARGE, "RequestTooLarge", "request body exceeds " + limit + " bytes");
    }
}
