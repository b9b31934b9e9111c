package io.corral.receptor.console;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.filter.OncePerRequestFilter;
import org.springframework.web.servlet.config.annotation.ResourceHandlerRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/**
 * The console's files (one page, its script and style sheet, no build step) from the
 * receptor's own place on the classpath, which the other services of a shared JVM do not
 * serve; and the headers that keep the page to itself: its script and style only, calls
 * only to the receptor and the console's services, no framing, no referrer.
 */
@Configuration
@EnableConfigurationProperties(ConsoleProperties.class)
class ConsoleResources implements WebMvcConfigurer {

    static final String LOCATION = "io/corral/receptor/console/";

    private final ConsoleProperties properties;

    ConsoleResources(ConsoleProperties properties) {
        this.properties = properties;
    }

    @Override
    public void addResourceHandlers(ResourceHandlerRegistry registry) {
        registry.addResourceHandler("/console/**").addResourceLocations("classpath:/" + LOCATION);
    }

    @Bean
    FilterRegistrationBean<OncePerRequestFilter> consoleHeaders() {
        String policy = "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self';"
                + " connect-src 'self'"
                + properties.origins().stream().map(origin -> " " + origin).reduce("", String::concat)
                + "; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";
        var registration = new FilterRegistrationBean<OncePerRequestFilter>(new OncePerRequestFilter() {
            @Override
            protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
                    throws ServletException, IOException {
                response.setHeader("Content-Security-Policy", policy);
                response.setHeader("Referrer-Policy", "no-referrer");
                chain.doFilter(request, response);
            }
        });
        registration.addUrlPatterns("/console", "/console/*");
        return registration;
    }

}
