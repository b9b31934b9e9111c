package io.corral.support.security;

import io.corral.support.web.ApiErrorWriter;
import io.corral.support.web.ErrorCode;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.access.AccessDeniedHandler;

/** Answers 401 and 403 in the API's error shape, without echoing the token. */
public class ApiSecurityHandlers implements AuthenticationEntryPoint, AccessDeniedHandler {

    private final ApiErrorWriter errorWriter;

    public ApiSecurityHandlers(ApiErrorWriter errorWriter) {
        this.errorWriter = errorWriter;
    }

    @Override
    public void commence(HttpServletRequest request, HttpServletResponse response, AuthenticationException e)
            throws IOException {
        boolean hadToken = request.getHeader("Authorization") != null;
        response.setHeader("WWW-Authenticate", hadToken ? "Bearer error=\"invalid_token\"" : "Bearer");
        String message = hadToken ? "the bearer token is invalid or expired" : "a bearer token is required";
        errorWriter.write(response, ErrorCode.UNAUTHORIZED, message);
    }

    @Override
    public void handle(HttpServletRequest request, HttpServletResponse response, AccessDeniedException e)
            throws IOException {
        response.setHeader("WWW-Authenticate", "Bearer error=\"insufficient_scope\"");
        errorWriter.write(response, ErrorCode.FORBIDDEN,
                "the token lacks the scope for " + request.getMethod() + " " + request.getRequestURI());
    }

}
