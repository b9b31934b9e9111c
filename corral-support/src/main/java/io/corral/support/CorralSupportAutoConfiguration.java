package io.corral.support;

import io.corral.support.security.ApiSecurityHandlers;
import io.corral.support.security.ClientCredentialsGrant;
import io.corral.support.security.CorralFirewall;
import io.corral.support.security.CorsProperties;
import io.corral.support.security.DevIssuer;
import io.corral.support.security.DevIssuerProperties;
import io.corral.support.security.DevTokenBanner;
import io.corral.support.security.RejectedRequestHandler;
import io.corral.support.security.ServiceClientProperties;
import io.corral.support.security.ServiceTokens;
import io.corral.support.security.TokenProperties;
import io.corral.support.security.TokenTimes;
import io.corral.support.security.VerifiedTokens;
import io.corral.support.web.ApiErrorController;
import io.corral.support.web.ApiErrorHandler;
import io.corral.support.web.ApiErrorReportValve;
import io.corral.support.web.ApiErrorWriter;
import io.corral.support.web.EveryPropertyReachable;
import io.corral.support.web.RequestSizeLimitFilter;
import io.corral.support.web.ShutdownGate;
import io.corral.support.web.StringsAsGiven;
import io.corral.support.web.WebProperties;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import org.hibernate.validator.HibernateValidatorConfiguration;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.validation.autoconfigure.ValidationConfigurationCustomizer;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.core.Ordered;
import org.springframework.core.env.Environment;
import org.springframework.security.config.observation.SecurityObservationSettings;
import org.springframework.security.oauth2.core.OAuth2TokenValidator;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtIssuerValidator;
import org.springframework.security.oauth2.jwt.JwtTimestampValidator;
import org.springframework.security.oauth2.jwt.JwtValidators;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;
import org.springframework.security.web.firewall.HttpFirewall;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerAdapter;
import tools.jackson.databind.json.JsonMapper;

/**
 * Beans every Corral service gets: the error shape, the body size limit, the shutdown
 * gate, token checking. Configured before Spring Boot's error page, whose controller
 * backs off for {@link ApiErrorController}.
 */
@AutoConfiguration(beforeName = {
        "org.springframework.boot.security.oauth2.server.resource.autoconfigure.servlet.OAuth2ResourceServerAutoConfiguration",
        "org.springframework.boot.webmvc.autoconfigure.error.ErrorMvcAutoConfiguration" })
@EnableConfigurationProperties({ WebProperties.class, DevIssuerProperties.class, ServiceClientProperties.class,
        TokenProperties.class, CorsProperties.class })
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
    @ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
    ShutdownGate shutdownGate(ApiErrorWriter writer) {
        return new ShutdownGate(writer);
    }

    @Bean
    @ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
    FilterRegistrationBean<ShutdownGate> shutdownGateFilter(ShutdownGate gate) {
        var registration = new FilterRegistrationBean<>(gate);
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 1);
        return registration;
    }

    @Bean
    @ConditionalOnProperty("corral.security.dev-issuer.enabled")
    DevIssuer devIssuer(DevIssuerProperties properties) {
        return new DevIssuer(properties.issuer(), properties.keyFile());
    }

    @Bean
    @ConditionalOnProperty("corral.security.dev-issuer.enabled")
    JwtDecoder devIssuerJwtDecoder(DevIssuer devIssuer, DevIssuerProperties properties, TokenProperties tokens) {
        NimbusJwtDecoder decoder = NimbusJwtDecoder.withPublicKey(devIssuer.publicKey()).build();
        List<OAuth2TokenValidator<Jwt>> validators = new ArrayList<>(TokenTimes.all(tokens.clockSkew()));
        validators.add(new JwtIssuerValidator(properties.issuer()));
        decoder.setJwtValidator(JwtValidators.createDefaultWithValidators(validators));
        return decoder;
    }

    /**
     * Every token decoder of the service remembers the tokens it verified
     * ({@link VerifiedTokens}): a caller presents the same token on every request until
     * it expires, and its RS256 check costs more than the rest of a small request.
     */
    @Bean
    static BeanPostProcessor verifiedTokens() {
        return new BeanPostProcessor() {
            @Override
            public Object postProcessAfterInitialization(Object bean, String beanName) {
                return bean instanceof JwtDecoder decoder && !(bean instanceof VerifiedTokens)
                        ? new VerifiedTokens(decoder) : bean;
            }
        };
    }

    /** See {@link StringsAsGiven}. */
    @Bean
    @ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
    static BeanPostProcessor stringsAsGiven() {
        return new BeanPostProcessor() {
            @Override
            public Object postProcessAfterInitialization(Object bean, String beanName) {
                if (bean instanceof RequestMappingHandlerAdapter adapter) {
                    StringsAsGiven.install(adapter);
                }
                return bean;
            }
        };
    }

    /**
     * With {@link #tokenIssuedAt}, the time rules of {@link TokenTimes}. Spring Boot adds
     * both beans to the decoder it builds for an issuer's JWK set, this one in place of
     * its default timestamp check.
     */
    @Bean
    JwtTimestampValidator tokenExpiry(TokenProperties tokens) {
        return TokenTimes.expiry(tokens.clockSkew());
    }

    @Bean
    OAuth2TokenValidator<Jwt> tokenIssuedAt(TokenProperties tokens) {
        return TokenTimes.issuedAt(tokens.clockSkew());
    }

    /**
     * No observation per security filter, authentication and authorization: wrapping each
     * of a request's dozen filters cost about a tenth of a request's CPU
     * (docs/performance.md). Every request is still timed ({@code http.server.requests})
     * and every refusal still answered by {@link ApiSecurityHandlers}; a service that
     * wants them back declares its own settings.
     */
    @Bean
    @ConditionalOnMissingBean
    SecurityObservationSettings securityObservationSettings() {
        return SecurityObservationSettings.noObservations();
    }

    /**
     * See {@link EveryPropertyReachable}: Spring Boot applies it to the validator it
     * builds. Hibernate Validator would also remember each of its answers, per property
     * and validation, in a map of its own: all the same answer, so it does not.
     */
    @Bean
    ValidationConfigurationCustomizer everyPropertyReachable() {
        return configuration -> {
            configuration.traversableResolver(new EveryPropertyReachable());
            if (configuration instanceof HibernateValidatorConfiguration hibernate) {
                hibernate.enableTraversableResolverResultCache(false);
            }
        };
    }

    /**
     * A URL the firewall refuses is answered 400 InvalidRequest (Spring Security uses the
     * bean of this type).
     */
    @Bean
    RejectedRequestHandler rejectedRequestHandler(ApiErrorWriter errorWriter) {
        return new RejectedRequestHandler(errorWriter);
    }

    /** Spring Security's firewall uses the bean of this type. */
    @Bean
    @ConditionalOnMissingBean
    HttpFirewall httpFirewall() {
        return CorralFirewall.create();
    }

    @Bean
    @ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
    ApiErrorController apiErrorController() {
        return new ApiErrorController();
    }

    @Bean
    @ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
    ApiErrorReportValve.Installer apiErrorReportValve(JsonMapper jsonMapper, ShutdownGate gate) {
        return new ApiErrorReportValve.Installer(jsonMapper, gate);
    }

    @Bean
    @ConditionalOnProperty("corral.security.dev-issuer.enabled")
    @ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
    DevTokenBanner devTokenBanner(DevIssuer devIssuer, DevIssuerProperties properties) {
        return new DevTokenBanner(devIssuer, properties, System.out);
    }

    /**
     * The token this service presents to the others: a client-credentials grant, else the
     * dev issuer's.
     */
    @Bean
    @ConditionalOnMissingBean
    ServiceTokens serviceTokens(ServiceClientProperties client, ObjectProvider<DevIssuer> devIssuer,
            Environment environment) {
        if (client.tokenUri() != null) {
            return new ServiceTokens(new ClientCredentialsGrant(client.tokenUri(), client.clientId(),
                    client.clientSecret(), client.scopes()), Clock.systemUTC());
        }
        DevIssuer issuer = devIssuer.getIfAvailable();
        if (issuer == null) {
            return new ServiceTokens(() -> {
                throw new IllegalStateException("set corral.service-client.token-uri, client-id and client-secret"
                        + " so this service can call the other services, or enable the development issuer");
            }, Clock.systemUTC());
        }
        return ServiceTokens.minted(issuer, environment.getProperty("spring.application.name", "corral"),
                client.scopes());
    }

}
