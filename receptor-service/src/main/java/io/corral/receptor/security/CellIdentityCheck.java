package io.corral.receptor.security;

import io.corral.receptor.security.CellIdentityProperties.Binding;
import io.corral.support.web.ApiException;
import io.corral.support.web.ErrorCode;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.util.Map;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;
import org.springframework.web.servlet.HandlerInterceptor;
import org.springframework.web.servlet.HandlerMapping;

/**
 * A token carrying the cell identity claim acts only as that cell: every handler with a
 * {@code cell_id} path variable (heartbeat, work, instance and task reports) answers 403
 * to a token naming another cell, so a compromised cell cannot claim or crash other
 * cells' instances. It reads the variable the handler is given, so any encoding of the
 * path is compared as the handler will see it.
 */
class CellIdentityCheck implements HandlerInterceptor {

    static final String CELL_ID = "cell_id";

    private final CellIdentityProperties properties;

    CellIdentityCheck(CellIdentityProperties properties) {
        this.properties = properties;
    }

    @Override
    public boolean preHandle(HttpServletRequest request, HttpServletResponse response, Object handler) {
        Object variables = request.getAttribute(HandlerMapping.URI_TEMPLATE_VARIABLES_ATTRIBUTE);
        if (properties.binding() != Binding.OFF && variables instanceof Map<?, ?> map
                && map.get(CELL_ID) instanceof String cellId) {
            check(cellId, tokenCell(SecurityContextHolder.getContext().getAuthentication()));
        }
        return true;
    }

    private void check(String cellId, String tokenCell) {
        if (tokenCell == null && properties.binding() == Binding.REQUIRED) {
            throw new ApiException(ErrorCode.FORBIDDEN, "the token names no cell (claim " + properties.claim()
                    + "), and only a cell's own token may act as cell " + cellId);
        }
        if (tokenCell != null && !tokenCell.equals(cellId)) {
            throw new ApiException(ErrorCode.FORBIDDEN,
                    "the token belongs to cell " + tokenCell + " and may not act as cell " + cellId);
        }
    }

    private String tokenCell(Authentication authentication) {
        return authentication instanceof JwtAuthenticationToken jwt
                ? jwt.getToken().getClaimAsString(properties.claim()) : null;
    }

}
