package io.corral.support.security;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.springframework.http.HttpMethod;

class ScopeRulesTest {

    private final ScopeRules rules = ScopeRules.of(ScopeRule.of(HttpMethod.PUT, "/v1/cells/*", "cells.write"),
            ScopeRule.anyMethod("/v1/cells/*/**", "cells.write"),
            ScopeRule.of(HttpMethod.GET, "/v1/cells", "receptor.read", "cells.write"),
            ScopeRule.of(HttpMethod.GET, "/v1/**", "receptor.read"), ScopeRule.anyMethod("/v1/**", "receptor.write"));

    @Test
    void theFirstRuleCoveringARequestDecidesIt() {
        assertThat(scopes(HttpMethod.GET, "/v1/cells/cell-a/work")).containsExactly("cells.write");
        assertThat(scopes(HttpMethod.GET, "/v1/cells")).containsExactly("receptor.read", "cells.write");
        assertThat(scopes(HttpMethod.GET, "/v1/desired_lrps")).containsExactly("receptor.read");
        assertThat(scopes(HttpMethod.DELETE, "/v1/desired_lrps/web")).containsExactly("receptor.write");
    }

    @Test
    void pathTemplatesAreMatchedAsTheRequestsTheyStandFor() {
        assertThat(scopes(HttpMethod.PUT, "/v1/cells/{cell_id}")).containsExactly("cells.write");
        assertThat(scopes(HttpMethod.POST, "/v1/cells/{cell_id}/actual_lrps/{process_guid}/index/{index}/claim"))
            .containsExactly("cells.write");
    }

    @Test
    void requestsNoRuleCoversAreLeftToTheDefault() {
        assertThat(rules.ruleFor(HttpMethod.GET, "/v3/api-docs")).isEmpty();
        assertThat(ScopeRules.isPublic("/actuator/health/liveness")).isTrue();
        assertThat(ScopeRules.isPublic("/actuator/prometheus")).isFalse();
    }

    private Object[] scopes(HttpMethod method, String path) {
        return rules.ruleFor(method, path).orElseThrow().scopes().toArray();
    }

}
