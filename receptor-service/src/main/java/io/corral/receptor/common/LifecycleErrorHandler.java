package io.corral.receptor.common;

import io.corral.support.web.ApiError;
import io.corral.support.web.ApiErrorHandler;
import io.corral.support.web.ErrorCode;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/**
 * An illegal lifecycle step is a conflict with the instance's current state: 409, never
 * an overwrite.
 */
@RestControllerAdvice
@Order(Ordered.HIGHEST_PRECEDENCE)
public class LifecycleErrorHandler {

    @ExceptionHandler(IllegalTransitionException.class)
    ResponseEntity<ApiError> illegalTransition(IllegalTransitionException e) {
        return ApiErrorHandler.respond(ErrorCode.RESOURCE_CONFLICT, e.getMessage());
    }

}
