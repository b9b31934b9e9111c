package io.corral.sshauth.authorize;

import io.corral.sshauth.access.RefusedException;
import io.corral.support.web.ErrorCode;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpHeaders;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/** Refused and throttled logins, answered with their reason. */
@RestControllerAdvice
@Order(Ordered.HIGHEST_PRECEDENCE)
class RefusalHandler {

    static final String RATE_LIMITED = "rate_limited";

    @ExceptionHandler(RefusedException.class)
    ResponseEntity<RefusalBody> refused(RefusedException e) {
        ErrorCode code = ErrorCode.SSH_ACCESS_REFUSED;
        return ResponseEntity.status(code.status())
            .body(new RefusalBody(code.wireName(), e.reason().message(), e.reason().wireName()));
    }

    @ExceptionHandler(TooManyAttemptsException.class)
    ResponseEntity<RefusalBody> throttled(TooManyAttemptsException e) {
        ErrorCode code = ErrorCode.TOO_MANY_ATTEMPTS;
        return ResponseEntity.status(code.status())
            .header(HttpHeaders.RETRY_AFTER, Long.toString(Math.max(1, (e.retryAfter().toMillis() + 999) / 1000)))
            .body(new RefusalBody(code.wireName(), e.getMessage(), RATE_LIMITED));
    }

}
