package io.corral.support.web;

import org.springframework.http.HttpStatus;

/**
 * Every error name of the Corral APIs with the status it is answered with; docs/api.md
 * lists the same pairs. Clients switch on the name, so a name is never reused for another
 * status.
 */
public enum ErrorCode {

    INVALID_JSON("InvalidJSON", HttpStatus.BAD_REQUEST), INVALID_REQUEST("InvalidRequest", HttpStatus.BAD_REQUEST),
    UNAUTHORIZED("Unauthorized", HttpStatus.UNAUTHORIZED), FORBIDDEN("Forbidden", HttpStatus.FORBIDDEN),
    ENDPOINT_NOT_FOUND("EndpointNotFound", HttpStatus.NOT_FOUND),
    DESIRED_LRP_NOT_FOUND("DesiredLRPNotFound", HttpStatus.NOT_FOUND),
    ACTUAL_LRP_INDEX_NOT_FOUND("ActualLRPIndexNotFound", HttpStatus.NOT_FOUND),
    TASK_NOT_FOUND("TaskNotFound", HttpStatus.NOT_FOUND),
    PLACEMENT_CONSTRAINT_NOT_FOUND("PlacementConstraintNotFound", HttpStatus.NOT_FOUND),
    ROLLOUT_NOT_FOUND("RolloutNotFound", HttpStatus.NOT_FOUND),
    METHOD_NOT_ALLOWED("MethodNotAllowed", HttpStatus.METHOD_NOT_ALLOWED),
    NOT_ACCEPTABLE("NotAcceptable", HttpStatus.NOT_ACCEPTABLE),
    RESOURCE_CONFLICT("ResourceConflict", HttpStatus.CONFLICT),
    REQUEST_TOO_LARGE("RequestTooLarge", HttpStatus.CONTENT_TOO_LARGE),
    UNKNOWN_ERROR("UnknownError", HttpStatus.INTERNAL_SERVER_ERROR),
    RECEPTOR_UNAVAILABLE("ReceptorUnavailable", HttpStatus.SERVICE_UNAVAILABLE),
    SHUTTING_DOWN("ShuttingDown", HttpStatus.SERVICE_UNAVAILABLE),
    DATABASE_UNAVAILABLE("DatabaseUnavailable", HttpStatus.SERVICE_UNAVAILABLE),
    SSH_ACCESS_REFUSED("SshAccessRefused", HttpStatus.FORBIDDEN),
    TOO_MANY_ATTEMPTS("TooManyAttempts", HttpStatus.TOO_MANY_REQUESTS),
    SSH_GRANT_NOT_FOUND("SshGrantNotFound", HttpStatus.NOT_FOUND),
    UAA_UNAVAILABLE("UaaUnavailable", HttpStatus.SERVICE_UNAVAILABLE),
    CLOUD_CONTROLLER_UNAVAILABLE("CloudControllerUnavailable", HttpStatus.SERVICE_UNAVAILABLE),
    INSTANCE_FILE_NOT_FOUND("InstanceFileNotFound", HttpStatus.NOT_FOUND),
    CONTAINER_NOT_FOUND("ContainerNotFound", HttpStatus.NOT_FOUND),
    INSTANCE_UNREACHABLE("InstanceUnreachable", HttpStatus.BAD_GATEWAY),
    SSH_AUTH_UNAVAILABLE("SshAuthUnavailable", HttpStatus.SERVICE_UNAVAILABLE);

    private final String wireName;

    private final HttpStatus status;

    ErrorCode(String wireName, HttpStatus status) {
        this.wireName = wireName;
        this.status = status;
    }

    /** The {@code name} of the {@link ApiError} body. */
    public String wireName() {
        return wireName;
    }

    public HttpStatus status() {
        return status;
    }

    public ApiError error(String message) {
        return new ApiError(wireName, message);
    }

}
