package io.corral.support.web;

import jakarta.servlet.http.HttpServletResponse;
import jakarta.validation.ConstraintViolationException;
import jakarta.validation.ElementKind;
import jakarta.validation.Path;
import java.sql.SQLTransientConnectionException;
import java.util.Locale;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.NestedExceptionUtils;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.dao.OptimisticLockingFailureException;
import org.springframework.dao.PessimisticLockingFailureException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.transaction.CannotCreateTransactionException;
import org.springframework.validation.FieldError;
import org.springframework.web.HttpMediaTypeNotAcceptableException;
import org.springframework.web.HttpMediaTypeNotSupportedException;
import org.springframework.web.HttpRequestMethodNotSupportedException;
import org.springframework.web.bind.MethodArgumentNotValidException;
import org.springframework.web.bind.MissingServletRequestParameterException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.async.AsyncRequestNotUsableException;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;
import org.springframework.web.servlet.resource.NoResourceFoundException;

/**
 * Turns every failure into the {@code {"name", "message"}} body of the API contract, its
 * status the name's.
 */
@RestControllerAdvice
@Order(Ordered.LOWEST_PRECEDENCE)
public class ApiErrorHandler {

    private static final Logger log = LoggerFactory.getLogger(ApiErrorHandler.class);

    private static final Pattern CAMEL_HUMP = Pattern.compile("(?<=[a-z0-9])[A-Z]");

    @ExceptionHandler(ApiException.class)
    ResponseEntity<ApiError> apiException(ApiException e) {
        return respond(e.code(), e.getMessage());
    }

    @ExceptionHandler(HttpMessageNotReadableException.class)
    ResponseEntity<ApiError> unreadable(HttpMessageNotReadableException e) {
        if (NestedExceptionUtils.getRootCause(e) instanceof RequestTooLargeException tooLarge) {
            return apiException(tooLarge);
        }
        if (e.getCause() == null) {
            return respond(ErrorCode.INVALID_JSON, "request body is missing");
        }
        // Valid JSON that is not a valid request names its field; broken syntax is
        // InvalidJSON.
        String problem = JsonInputProblems.describe(e.getCause());
        return problem != null ? invalid(problem) : respond(ErrorCode.INVALID_JSON, "request body is not valid JSON");
    }

    @ExceptionHandler(MethodArgumentNotValidException.class)
    ResponseEntity<ApiError> notValid(MethodArgumentNotValidException e) {
        String message = e.getBindingResult()
            .getFieldErrors()
            .stream()
            .map(ApiErrorHandler::describe)
            .sorted()
            .collect(Collectors.joining("; "));
        return invalid(message.isEmpty() ? "request is not valid" : message);
    }

    @ExceptionHandler(ConstraintViolationException.class)
    ResponseEntity<ApiError> constraintViolation(ConstraintViolationException e) {
        String message = e.getConstraintViolations()
            .stream()
            .map(v -> apiPath(v.getPropertyPath()) + ": " + v.getMessage())
            .sorted()
            .collect(Collectors.joining("; "));
        return invalid(message);
    }

    @ExceptionHandler({ MethodArgumentTypeMismatchException.class, MissingServletRequestParameterException.class,
            HttpMediaTypeNotSupportedException.class })
    ResponseEntity<ApiError> badParameter(Exception e) {
        return invalid(e.getMessage());
    }

    @ExceptionHandler(OptimisticLockingFailureException.class)
    ResponseEntity<ApiError> staleWrite(OptimisticLockingFailureException e) {
        return respond(ErrorCode.RESOURCE_CONFLICT, "the resource was changed concurrently; read it again and retry");
    }

    /**
     * PostgreSQL broke a deadlock by rolling this request's transaction back, or a lock
     * could not be had: nothing was written, and the same request sent again can succeed.
     */
    @ExceptionHandler(PessimisticLockingFailureException.class)
    ResponseEntity<ApiError> lockLost(PessimisticLockingFailureException e) {
        log.info("a transaction gave way to a concurrent one: {}",
                NestedExceptionUtils.getMostSpecificCause(e).getMessage());
        return respond(ErrorCode.RESOURCE_CONFLICT,
                "the request met a concurrent change and was rolled back; nothing was written, send it again");
    }

    /**
     * The database did not answer: no connection within the pool's timeout, or the
     * connection broke. Nothing is lost by answering at once; the client tries again
     * after the pool's connection timeout ({@code Retry-After}, seconds).
     */
    @ExceptionHandler({ CannotCreateTransactionException.class, DataAccessResourceFailureException.class,
            SQLTransientConnectionException.class })
    ResponseEntity<ApiError> databaseUnavailable(Exception e) {
        log.warn("the database is unreachable: {}", NestedExceptionUtils.getMostSpecificCause(e).getMessage());
        return respond(ErrorCode.DATABASE_UNAVAILABLE,
                "the database is unreachable or too busy to answer in time; try again shortly");
    }

    @ExceptionHandler(NoResourceFoundException.class)
    ResponseEntity<ApiError> noSuchEndpoint(NoResourceFoundException e) {
        return respond(ErrorCode.ENDPOINT_NOT_FOUND,
                "no such endpoint: " + e.getHttpMethod() + " /" + e.getResourcePath());
    }

    @ExceptionHandler(HttpRequestMethodNotSupportedException.class)
    ResponseEntity<ApiError> methodNotAllowed(HttpRequestMethodNotSupportedException e) {
        return respond(ErrorCode.METHOD_NOT_ALLOWED, e.getMessage());
    }

    /**
     * An endpoint that cannot answer in any type the {@code Accept} header allows (the
     * event stream to {@code application/json}); the error itself is JSON all the same.
     */
    @ExceptionHandler(HttpMediaTypeNotAcceptableException.class)
    ResponseEntity<ApiError> notAcceptable(HttpMediaTypeNotAcceptableException e) {
        return respond(ErrorCode.NOT_ACCEPTABLE, "this endpoint answers only "
                + MediaType.toString(e.getSupportedMediaTypes()) + "; errors are always application/json");
    }

    /**
     * A client that went away mid-answer (a closed stream or long poll): nothing to
     * answer or log.
     */
    @ExceptionHandler(AsyncRequestNotUsableException.class)
    void clientGone() {
    }

    @ExceptionHandler(Exception.class)
    ResponseEntity<ApiError> unexpected(Exception e, HttpServletResponse response) {
        if (clientWentAway(e)) {
            log.debug("client went away before its answer was written: {}", e.getMessage());
            return null;
        }
        if (response.isCommitted()) {
            // A streamed answer failed after its status went out: the client sees it cut
            // short, and no error body can follow the bytes already sent.
            log.warn("an answer already under way was cut: {}",
                    NestedExceptionUtils.getMostSpecificCause(e).toString());
            return null;
        }
        if (DatabaseFailures.isUnreachable(e)) {
            return databaseUnavailable(e);
        }
        log.error("unexpected failure", e);
        return respond(ErrorCode.UNKNOWN_ERROR, "an unexpected error occurred; see the service log");
    }

    /**
     * A violation's path as the API names it: a request parameter's or property's name in
     * snake_case ({@code explain.processGuid} -> {@code process_guid}), without the Java
     * method.
     */
    private static String apiPath(Path path) {
        StringBuilder api = new StringBuilder();
        for (Path.Node node : path) {
            if (node.isInIterable()) {
                api.append('[').append(node.getIndex() != null ? node.getIndex() : node.getKey()).append(']');
            }
            if (node.getKind() == ElementKind.PROPERTY || node.getKind() == ElementKind.PARAMETER) {
                api.append(api.isEmpty() ? "" : ".").append(snakeCase(node.getName()));
            }
        }
        return api.toString();
    }

    /**
     * Names the field as the JSON does: the APIs are snake_case ({@code placementTags} ->
     * {@code placement_tags}).
     */
    private static String describe(FieldError error) {
        return snakeCase(error.getField()) + ": " + error.getDefaultMessage();
    }

    private static String snakeCase(String javaName) {
        return CAMEL_HUMP.matcher(javaName).replaceAll(hump -> "_" + hump.group().toLowerCase(Locale.ROOT));
    }

    private static ResponseEntity<ApiError> invalid(String message) {
        return respond(ErrorCode.INVALID_REQUEST, message);
    }

    /**
     * The one mapping of an error to its answer, also for a service's own exception
     * handlers. Always JSON, whatever the request's {@code Accept} header asked for: a
     * preset content type is not negotiated.
     */
    public static ResponseEntity<ApiError> respond(ErrorCode code, String message) {
        ResponseEntity.BodyBuilder answer = ResponseEntity.status(code.status())
            .contentType(MediaType.APPLICATION_JSON);
        if (code == ErrorCode.DATABASE_UNAVAILABLE) {
            // when to try again: the pool's connection timeout
            answer.header(HttpHeaders.RETRY_AFTER, "1");
        }
        return answer.body(code.error(message));
    }

    /**
     * Tomcat's ClientAbortException (a broken pipe while writing), by name: the container
     * is not a dependency.
     */
    private static boolean clientWentAway(Throwable e) {
        for (Throwable cause = e; cause != null; cause = cause.getCause()) {
            if (cause.getClass().getSimpleName().equals("ClientAbortException")) {
                return true;
            }
        }
        return false;
    }

}
