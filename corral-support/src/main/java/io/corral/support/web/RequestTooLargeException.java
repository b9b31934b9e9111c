package io.corral.support.web;

/** A request body longer than {@code corral.web.max-request-bytes}. */
public class RequestTooLargeException extends ApiException {

    public RequestTooLargeException(long limit) {
        super(ErrorCode.REQUEST_TOO_LARGE, "request body exceeds " + limit + " bytes");
    }

}
