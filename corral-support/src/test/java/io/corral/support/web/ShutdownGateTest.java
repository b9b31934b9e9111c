package io.corral.support.web;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockFilterChain;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;
import tools.jackson.databind.json.JsonMapper;

/** Requests pass until the service starts stopping; from then on they get 503 at once. */
class ShutdownGateTest {

    private final ShutdownGate gate = new ShutdownGate(new ApiErrorWriter(JsonMapper.builder().build()));

    @Test
    void aRunningServiceHandlesRequests() throws Exception {
        gate.start();
        MockFilterChain chain = new MockFilterChain();

        gate.doFilter(new MockHttpServletRequest("POST", "/v1/desired_lrps"), new MockHttpServletResponse(), chain);

        assertThat(chain.getRequest()).as("passed on").isNotNull();
    }

    @Test
    void aStoppingServiceAnswersShuttingDownWithoutHandlingTheRequest() throws Exception {
        gate.start();
        gate.stop();
        MockFilterChain chain = new MockFilterChain();
        MockHttpServletResponse response = new MockHttpServletResponse();

        gate.doFilter(new MockHttpServletRequest("POST", "/v1/desired_lrps"), response, chain);

        assertThat(chain.getRequest()).as("passed on").isNull();
        assertThat(response.getStatus()).isEqualTo(503);
        assertThat(response.getHeader("Connection")).isEqualTo("close");
        assertThat(response.getContentAsString()).contains("\"name\":\"ShuttingDown\"");
    }

}
