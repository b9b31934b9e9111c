package io.corral.support.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.oauth2.server.resource.web.DefaultBearerTokenResolver;

class BearerHeaderResolverTest {

    private final BearerHeaderResolver resolver = new BearerHeaderResolver();

    private final DefaultBearerTokenResolver spring = new DefaultBearerTokenResolver();

    @Test
    void aWellFormedHeaderGivesTheToken() {
        assertThat(resolver.resolve(request("Bearer abc.DEF-_~+/09=="))).isEqualTo("abc.DEF-_~+/09==");
        assertThat(resolver.resolve(request("bEaReR t"))).isEqualTo("t");
    }

    @Test
    void noHeaderOrAnotherSchemeIsNoToken() {
        assertThat(resolver.resolve(new MockHttpServletRequest())).isNull();
        assertThat(resolver.resolve(request("Basic dXNlcjpwYXNz"))).isNull();
    }

    @Test
    void aMalformedBearerHeaderIsRefused() {
        for (String header : new String[] { "Bearer", "Bearer ", "Bearer ==", "Bearer a b", "Bearer a=b", "Bearer\ta",
                "Bearer a\n", "Bearerx a" }) {
            assertThat(catchThrowable(() -> resolver.resolve(request(header)))).as(header)
                .isInstanceOf(OAuth2AuthenticationException.class)
                .hasMessage("Bearer token is malformed");
        }
    }

    @Property(tries = 3000)
    void answersAsSpringSecuritysResolver(@ForAll("authorizationHeaders") String header) {
        assertThat(outcome(resolver, header)).isEqualTo(outcome(spring, header));
    }

    @Provide
    Arbitrary<String> authorizationHeaders() {
        Arbitrary<String> scheme = Arbitraries.of("Bearer ", "bearer ", "BEARER ", "Bearer", "Bearer  ", "Bearerx ",
                "Basic ", "", "bearer\t");
        Arbitrary<String> token = Arbitraries.strings()
            .withChars("aZ09-._~+/= \t\n\"%é")
            .withCharRange('\u0000', '\u007f')
            .ofMaxLength(12);
        return net.jqwik.api.Combinators.combine(scheme, token).as(String::concat);
    }

    private static String outcome(org.springframework.security.oauth2.server.resource.web.BearerTokenResolver resolver,
            String header) {
        try {
            return "token " + resolver.resolve(request(header));
        }
        catch (OAuth2AuthenticationException e) {
            return "refused " + e.getError().getErrorCode() + " " + e.getMessage();
        }
    }

    private static MockHttpServletRequest request(String authorization) {
        MockHttpServletRequest request = new MockHttpServletRequest();
        request.addHeader("Authorization", authorization);
        return request;
    }

}
