package io.corral.sshauth.authorize;

import io.corral.sshauth.access.RefusalReason;
import io.corral.support.web.ErrorCode;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.PathItem;
import io.swagger.v3.oas.models.headers.Header;
import io.swagger.v3.oas.models.media.ComposedSchema;
import io.swagger.v3.oas.models.media.Content;
import io.swagger.v3.oas.models.media.IntegerSchema;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.media.ObjectSchema;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.media.StringSchema;
import io.swagger.v3.oas.models.responses.ApiResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Stream;
import org.springdoc.core.customizers.OpenApiCustomizer;
import org.springframework.stereotype.Component;

/**
 * The login operations' refusals in the API document: the error body with the refusal's
 * machine-readable {@code reason} ({@link RefusalBody}), for 403 (a refused login, as
 * well as a token without the scope) and 429 (throttled, with {@code Retry-After}).
 */
@Component
class RefusalDocs implements OpenApiCustomizer {

    static final String SCHEMA = "SshRefusal";

    private static final List<String> LOGIN_PATHS = List.of("/v1/ssh/authorize",
            "/internal/apps/{guid}/ssh_access/{index}");

    @Override
    public void customise(OpenAPI openApi) {
        openApi.getComponents().addSchemas(SCHEMA, refusalSchema());
        Optional.ofNullable(openApi.getPaths())
            .ifPresent(paths -> LOGIN_PATHS.stream()
                .map(paths::get)
                .filter(Objects::nonNull)
                .flatMap(RefusalDocs::operations)
                .forEach(RefusalDocs::describe));
    }

    private static Stream<Operation> operations(PathItem item) {
        return Stream.of(item.getGet(), item.getPost()).filter(Objects::nonNull);
    }

    private static void describe(Operation operation) {
        operation.getResponses()
            .addApiResponse("403", refusal("The token lacks the scope this operation needs (Forbidden), or the login"
                    + " is refused (" + ErrorCode.SSH_ACCESS_REFUSED.wireName() + ") with its reason"));
        operation.getResponses()
            .addApiResponse("429",
                    refusal("Too many failed attempts from this client address or user ("
                            + ErrorCode.TOO_MANY_ATTEMPTS.wireName() + ", reason rate_limited)")
                        .headers(Map.of("Retry-After", new Header().description("seconds until the next attempt counts")
                            .schema(new IntegerSchema()))));
    }

    private static ApiResponse refusal(String description) {
        Schema<?> body = new Schema<>().$ref("#/components/schemas/" + SCHEMA);
        return new ApiResponse().description(description)
            .content(new Content().addMediaType("application/json", new MediaType().schema(body)));
    }

    /** The error body, and the reason: absent only when the token lacks the scope. */
    private static Schema<?> refusalSchema() {
        List<String> reasons = new ArrayList<>(Stream.of(RefusalReason.values()).map(RefusalReason::wireName).toList());
        reasons.add(RefusalHandler.RATE_LIMITED);
        Schema<?> reason = new ObjectSchema().addProperty("reason",
                new StringSchema()._enum(reasons).description("why the login was refused (docs/ssh.md lists each)"));
        return new ComposedSchema().addAllOfItem(new Schema<>().$ref("#/components/schemas/ApiError"))
            .addAllOfItem(reason);
    }

}
