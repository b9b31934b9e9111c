package io.corral.support.web;

import io.swagger.v3.oas.annotations.Hidden;
import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.boot.webmvc.error.ErrorController;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Answers what the container forwards to its error page (a {@code sendError} of a filter
 * or of Tomcat) in the API's error shape, as JSON whatever the {@code Accept} header
 * says; replaces Spring Boot's page. Asked for directly, {@code /error} is no endpoint.
 */
@Hidden
@RestController
public class ApiErrorController implements ErrorController {

    @RequestMapping("${server.error.path:/error}")
    public ResponseEntity<ApiError> error(HttpServletRequest request) {
        Object status = request.getAttribute(RequestDispatcher.ERROR_STATUS_CODE);
        Object uri = request.getAttribute(RequestDispatcher.ERROR_REQUEST_URI);
        if (!(status instanceof Integer code)) {
            return ApiErrorHandler.respond(ErrorCode.ENDPOINT_NOT_FOUND,
                    "no such endpoint: " + request.getMethod() + " " + request.getRequestURI());
        }
        return ApiErrorHandler.respond(errorCode(code), message(code, request.getMethod() + " " + uri));
    }

    static ErrorCode errorCode(int status) {
        return switch (status) {
            case 401 -> ErrorCode.UNAUTHORIZED;
            case 403 -> ErrorCode.FORBIDDEN;
            case 404 -> ErrorCode.ENDPOINT_NOT_FOUND;
            case 405 -> ErrorCode.METHOD_NOT_ALLOWED;
            case 406 -> ErrorCode.NOT_ACCEPTABLE;
            case 413 -> ErrorCode.REQUEST_TOO_LARGE;
            default -> status >= 400 && status < 500 ? ErrorCode.INVALID_REQUEST : ErrorCode.UNKNOWN_ERROR;
        };
    }

    static String message(int status, String request) {
        return switch (errorCode(status)) {
            case ENDPOINT_NOT_FOUND -> "no such endpoint: " + request;
            case INVALID_REQUEST -> "the request is not valid HTTP for this API";
            case UNKNOWN_ERROR -> "an unexpected error occurred; see the service log";
            default -> "the request was refused (" + status + ")";
        };
    }

}
