package io.corral.support.web;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.springframework.test.web.servlet.assertj.MockMvcTester;
import org.springframework.test.web.servlet.assertj.MvcTestResult;
import org.springframework.test.web.servlet.setup.MockMvcBuilders;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/** Each error is answered with its name's status, whoever raised it. */
class ApiErrorHandlerTest {

    private final MockMvcTester mvc = MockMvcTester
        .create(MockMvcBuilders.standaloneSetup(new Rollouts()).setControllerAdvice(new ApiErrorHandler()).build());

    @Test
    void aServiceErrorIsAnsweredWithItsStatus() {
        MvcTestResult result = mvc.get().uri("/v1/rollouts/7").exchange();

        assertThat(result).hasStatus(404);
        assertThat(result).bodyJson().extractingPath("$.name").isEqualTo("RolloutNotFound");
        assertThat(result).bodyJson().extractingPath("$.message").isEqualTo("no rollout 7");
    }

    @Test
    void aMethodTheEndpointDoesNotHaveIsMethodNotAllowed() {
        MvcTestResult result = mvc.delete().uri("/v1/rollouts/7").exchange();

        assertThat(result).hasStatus(405);
        assertThat(result).bodyJson().extractingPath("$.name").isEqualTo("MethodNotAllowed");
    }

    @RestController
    static class Rollouts {

        @GetMapping("/v1/rollouts/7")
        String rollout() {
            throw new ApiException(ErrorCode.ROLLOUT_NOT_FOUND, "no rollout 7");
        }

    }

}
