package io.corral.support.web;

import io.corral.support.security.ScopeRule;
import io.corral.support.security.ScopeRules;
import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.headers.Header;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.media.Content;
import io.swagger.v3.oas.models.media.IntegerSchema;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.media.ObjectSchema;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.media.StringSchema;
import io.swagger.v3.oas.models.responses.ApiResponse;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import io.swagger.v3.oas.models.security.SecurityScheme;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.BiPredicate;
import org.springdoc.core.customizers.OpenApiCustomizer;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;

/**
 * What every service's OpenAPI document says the same way, so a generated client works:
 * the bearer JWT scheme and, on each operation, the scopes the service's
 * {@link ScopeRules} (the rules its filter chain enforces) ask of it; the error answers
 * it can give, each with the {@link ApiError} body.
 */
class ApiDocsDefaults implements OpenApiCustomizer {

    static final String BEARER = "bearer";

    private static final String ERROR_SCHEMA = "ApiError";

    private static final Set<HttpMethod> WRITES = Set.of(HttpMethod.POST, HttpMethod.PUT, HttpMethod.PATCH,
            HttpMethod.DELETE);

    /** An error answer, and which operations can give it. */
    private enum ErrorAnswer {

        BAD_REQUEST("400", "BadRequest", "A body, parameter or value is not valid (InvalidRequest, InvalidJSON)",
                (operation, method) -> operation.getRequestBody() != null || hasParameters(operation)),
        UNAUTHORIZED("401", "Unauthorized", "No valid bearer token",
                (operation, method) -> operation.getSecurity() != null && !operation.getSecurity().isEmpty()),
        FORBIDDEN("403", "Forbidden", "The token lacks the scope this operation needs",
                (operation,
                        method) -> operation.getSecurity() != null && operation.getSecurity()
                            .stream()
                            .anyMatch(requirement -> !requirement.get(BEARER).isEmpty())),
        NOT_FOUND("404", "NotFound", "Nothing of that name or index exists",
                (operation, method) -> hasPathParameters(operation)),
        CONFLICT("409", "Conflict", "The resource exists already, changed meanwhile, or its state forbids this",
                (operation, method) -> WRITES.contains(method)),
        CONTENT_TOO_LARGE("413", "ContentTooLarge", "The body is larger than the service accepts (RequestTooLarge)",
                (operation, method) -> operation.getRequestBody() != null),
        SERVICE_UNAVAILABLE("503", "ServiceUnavailable",
                "The service cannot answer now: it is shutting down (ShuttingDown) or a service it asks did not"
                        + " answer; nothing was changed unless docs/api.md says otherwise, so send it again shortly",
                (operation, method) -> true);

        final String status;

        final String name;

        final String description;

        final BiPredicate<Operation, HttpMethod> given;

        ErrorAnswer(String status, String name, String description, BiPredicate<Operation, HttpMethod> given) {
            this.status = status;
            this.name = name;
            this.description = description;
            this.given = given;
        }

        ApiResponse response() {
            Schema<?> error = new Schema<>().$ref("#/components/schemas/" + ERROR_SCHEMA);
            return new ApiResponse().description(description)
                .content(new Content().addMediaType("application/json", new MediaType().schema(error)));
        }

        ApiResponse reference() {
            return new ApiResponse().$ref("#/components/responses/" + name);
        }

    }

    /**
     * The 503 answer of a service with a database, which {@link ApiErrorHandler} also
     * gives while the database is unreachable, with {@code Retry-After}.
     */
    private static final String DATABASE_UNAVAILABLE = "The service cannot answer now: its database is unreachable"
            + " or too busy to answer in time (" + ErrorCode.DATABASE_UNAVAILABLE.wireName()
            + "; send it again after Retry-After), it is shutting down (ShuttingDown) or a service it asks did not"
            + " answer; nothing was changed unless docs/api.md says otherwise";

    private final String serviceName;

    private final ScopeRules rules;

    private final boolean keepsDatabase;

    ApiDocsDefaults(String serviceName, ScopeRules rules, boolean keepsDatabase) {
        this.serviceName = serviceName;
        this.rules = rules;
        this.keepsDatabase = keepsDatabase;
    }

    @Override
    public void customise(OpenAPI openApi) {
        openApi.info(new Info().title("Corral " + serviceName + " API")
            .version("v1")
            .description("Generated from the running service; docs/api.md describes the behaviour."));
        Components components = Optional.ofNullable(openApi.getComponents()).orElseGet(Components::new);
        openApi.components(components
            .addSecuritySchemes(BEARER,
                    new SecurityScheme().type(SecurityScheme.Type.HTTP)
                        .scheme("bearer")
                        .bearerFormat("JWT")
                        .description("A JWT from the platform's issuer; each operation names the scopes it accepts."))
            .addSchemas(ERROR_SCHEMA, errorSchema()));
        for (ErrorAnswer answer : ErrorAnswer.values()) {
            components.addResponses(answer.name, answer.response());
        }
        if (keepsDatabase) {
            components.addResponses(ErrorAnswer.SERVICE_UNAVAILABLE.name,
                    ErrorAnswer.SERVICE_UNAVAILABLE.response()
                        .description(DATABASE_UNAVAILABLE)
                        .headers(Map.of(HttpHeaders.RETRY_AFTER,
                                new Header().description("seconds to wait before sending it again")
                                    .schema(new IntegerSchema()))));
        }
        if (openApi.getPaths() != null) {
            openApi.getPaths()
                .forEach((path, item) -> item.readOperationsMap()
                    .forEach((method, operation) -> describe(path, HttpMethod.valueOf(method.name()), operation)));
        }
    }

    private void describe(String path, HttpMethod method, Operation operation) {
        if (!ScopeRules.isPublic(path)) {
            operation.setSecurity(requirements(rules.ruleFor(method, path)));
        }
        for (ErrorAnswer answer : ErrorAnswer.values()) {
            if (answer.given.test(operation, method)) {
                operation.getResponses().putIfAbsent(answer.status, answer.reference());
            }
        }
    }

    /**
     * Any one of the rule's scopes will do: one requirement each. No rule: any valid
     * token.
     */
    private static List<SecurityRequirement> requirements(Optional<ScopeRule> rule) {
        return rule
            .map(r -> r.scopes().stream().map(scope -> new SecurityRequirement().addList(BEARER, scope)).toList())
            .orElseGet(() -> List.of(new SecurityRequirement().addList(BEARER)));
    }

    private static Schema<?> errorSchema() {
        return new ObjectSchema().description("The body of every error answer")
            .addProperty("name", new StringSchema().description("A stable error name, such as ResourceNotFound"))
            .addProperty("message", new StringSchema().description("What was wrong, for a person to read"))
            .required(List.of("name", "message"));
    }

    private static boolean hasParameters(Operation operation) {
        return operation.getParameters() != null && !operation.getParameters().isEmpty();
    }

    private static boolean hasPathParameters(Operation operation) {
        return hasParameters(operation) && operation.getParameters().stream().anyMatch(p -> "path".equals(p.getIn()));
    }

}
