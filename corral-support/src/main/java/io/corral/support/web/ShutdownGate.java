package io.corral.support.web;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.SmartLifecycle;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * The first step of shutting down: from the moment the application context stops, a
 * request that arrives (on a connection kept alive, as new connections are refused) is
 * answered 503 {@code ShuttingDown} at once, before it touches anything, while requests
 * already in flight finish (graceful shutdown). Leases, services and the database stop
 * after.
 */
public class ShutdownGate extends OncePerRequestFilter implements SmartLifecycle {

    static final String REFUSAL = "the service is shutting down; send the request again";

    private final ApiErrorWriter errorWriter;

    private volatile boolean running;

    private volatile boolean closed;

    public ShutdownGate(ApiErrorWriter errorWriter) {
        this.errorWriter = errorWriter;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        if (!closed) {
            chain.doFilter(request, response);
            return;
        }
        response.setHeader("Connection", "close");
        errorWriter.write(response, ErrorCode.SHUTTING_DOWN, REFUSAL);
    }

    /** Whether the service has begun to stop. */
    public boolean closed() {
        return closed;
    }

    @Override
    public void start() {
        running = true;
    }

    @Override
    public void stop() {
        closed = true;
        running = false;
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    /** Closes before the web server's graceful shutdown begins waiting for requests. */
    @Override
    public int getPhase() {
        return WebServerApplicationContext.GRACEFUL_SHUTDOWN_PHASE + 1;
    }

}
