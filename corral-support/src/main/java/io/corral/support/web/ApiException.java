package io.corral.support.web;

import org.springframework.http.HttpStatus;

/** A failure with a known API error name, answered as {@link ApiError}. */
public class ApiException extends RuntimeException {

    private final HttpStatus status;
    private final String name;

    public ApiException(HttpStatus status, String name, String message) {
        super(message);
        this.status = status;
        this.name = name;
    }

    public static ApiException invalidRequest(String message) {
        return new ApiException(HttpStatus.BAD_REQUEST, "InvalidRequest", message);
    }

    public static ApiException conflict(String message) {
        return new ApiException(HttpStatus.CONFLICT, "ResourceConflict", message);
    }

    public static ApiException notFound(String name, String message) {
        return new ApiException(HttpStatus.NOT_FOUND, name, message);
    }

    public HttpStatus status() {
        return status;
    }

    public String name() {
        return name;
    }

    public ApiError toError() {
        return new ApiError(name, getMessage());
    }
}
