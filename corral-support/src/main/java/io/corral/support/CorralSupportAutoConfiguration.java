package io.corral.support;

import io.corral.support.security.ApiSecurityHandlers;
import io.corral.support.security.DevIssuer;
import io.corral.support.security.DevIssuerProperties;
import io.corral.support.security.DevTokenBanner;
import io.corral.support.web.ApiErrorHandler;
import io.corral.support.web.ApiErrorWriter;
import io.corral.support.web.RequestSizeLimitFilter;
import io.corral.support.web.WebProperties;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.core.Ordered;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtValidators;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;
import tools.jackson.databind.json.JsonMapper;

/** Beans every Corral service gets: the error shape, the body size limit, token checking. */
@AutoConfiguration(beforeName =
        "org.springframework.boot.security.oauth2.server.resource.autoconfigure.servlet.OAuth2ResourceServerAutoConfiguration")
@EnableConfigurationProperties({WebProperties.class, DevIssuerProperties.class})
public class CorralSupportAutoConfiguration {

    @Bean
    ApiErrorWriter apiErrorWriter(JsonMapper jsonMapper) {
        return new ApiErrorWriter(jsonMapper);
    }

    @Bean
    ApiErrorHandler apiErrorHandler() {
        return new ApiErrorHandler();
    }

    @Bean
    ApiSecurityHandlers apiSecurityHandlers(ApiErrorWriter errorWriter) {
        return new ApiSecurityHandlers(errorWriter);
    }

    @Bean
    FilterRegistrationBean<RequestSizeLimitFilter> requestSizeLimitFilter(WebProperties web, ApiErrorWriter writer) {
        var registration = new FilterRegistrationBean<>(new RequestSizeLimitFilter(web.maxRequestBytes(), writer));
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE);
        return registration;
    }

    @Bean
    @ConditionalOnProperty("corral.security.dev-issuer.enabled")
    DevIssuer devIssuer(DevIssuerProperties properties) {
        return new DevIssuer(properties.issuer(), properties.keyFile());
    }

    @Bean
    @ConditionalOnProperty("corral.security.dev-issuer.enabled")
    JwtDecoder devIssuerJwtDecoder(DevIssuer devIssuer, DevIssuerProperties properties) {
        NimbusJwtDecoder decoder = NimbusJwtDecoder.withPublicKey(devIssuer.publicKey()).build();
        decoder.setJwtValidator(JwtValidators.createDefaultWithIssuer(properties.issuer()));
        return decoder;
    }

    @Bean
    @ConditionalOnProperty("corral.security.dev-issuer.enabled")
    @ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
    DevTokenBanner devTokenBanner(DevIssuer devIssuer, DevIssuerProperties properties) {
        return new DevTokenBanner(devIssuer, properties, System.out);
    }
}
