package io.corral.support.web;

import java.io.IOException;
import java.io.Writer;
import org.apache.catalina.Host;
import org.apache.catalina.Valve;
import org.apache.catalina.connector.Request;
import org.apache.catalina.connector.Response;
import org.apache.catalina.core.StandardHost;
import org.apache.catalina.valves.ErrorReportValve;
import org.springframework.boot.tomcat.ConfigurableTomcatWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.core.Ordered;
import org.springframework.http.MediaType;
import tools.jackson.databind.json.JsonMapper;

/**
 * Tomcat's error report for what never reaches the application (a URL Tomcat refuses: an
 * encoded slash, a backslash), in the API's error shape instead of Tomcat's HTML page;
 * once the service has begun to stop, 503 {@code ShuttingDown}, as the application's
 * answer would be.
 */
public class ApiErrorReportValve extends ErrorReportValve {

    private final JsonMapper jsonMapper;

    private final ShutdownGate shutdownGate;

    public ApiErrorReportValve(JsonMapper jsonMapper, ShutdownGate shutdownGate) {
        this.jsonMapper = jsonMapper;
        this.shutdownGate = shutdownGate;
    }

    @Override
    protected void report(Request request, Response response, Throwable throwable) {
        int status = response.getStatus();
        if (status < 400 || response.getContentWritten() > 0) {
            return;
        }
        ApiError error = shutdownGate.closed() ? shuttingDown(response) : refusal(request, status);
        try {
            response.setContentType(MediaType.APPLICATION_JSON_VALUE);
            response.setCharacterEncoding("UTF-8");
            Writer writer = response.getReporter();
            if (writer != null) {
                writer.write(jsonMapper.writeValueAsString(error));
                response.finishResponse();
            }
        }
        catch (IOException | IllegalStateException e) {
            // The client is gone or the response is closed: nothing left to answer.
        }
    }

    private static ApiError refusal(Request request, int status) {
        String message = ApiErrorController.message(status, request.getMethod() + " " + request.getRequestURI());
        return ApiErrorController.errorCode(status).error(message);
    }

    /**
     * A stopping service's answer to any request, here too: Tomcat, reading a request's
     * first line just as its connector pauses, means to answer 503, but leaves the
     * headers unread and so reports a 400 for the missing {@code Host} header.
     */
    private static ApiError shuttingDown(Response response) {
        response.setStatus(ErrorCode.SHUTTING_DOWN.status().value());
        return ErrorCode.SHUTTING_DOWN.error(ShutdownGate.REFUSAL);
    }

    /**
     * Puts the valve on Tomcat's host in place of its own (and of the one Spring Boot
     * adds): after Boot's customizer, so no other report valve is left.
     */
    public static class Installer implements WebServerFactoryCustomizer<ConfigurableTomcatWebServerFactory>, Ordered {

        private final JsonMapper jsonMapper;

        private final ShutdownGate shutdownGate;

        public Installer(JsonMapper jsonMapper, ShutdownGate shutdownGate) {
            this.jsonMapper = jsonMapper;
            this.shutdownGate = shutdownGate;
        }

        @Override
        public void customize(ConfigurableTomcatWebServerFactory factory) {
            factory.addContextCustomizers(context -> {
                Host host = (Host) context.getParent();
                for (Valve valve : host.getPipeline().getValves()) {
                    if (valve instanceof ErrorReportValve) {
                        host.getPipeline().removeValve(valve);
                    }
                }
                host.getPipeline().addValve(new ApiErrorReportValve(jsonMapper, shutdownGate));
                if (host instanceof StandardHost standardHost) {
                    standardHost.setErrorReportValveClass(ApiErrorReportValve.class.getName());
                }
            });
        }

        @Override
        public int getOrder() {
            return Ordered.LOWEST_PRECEDENCE;
        }

    }

}
