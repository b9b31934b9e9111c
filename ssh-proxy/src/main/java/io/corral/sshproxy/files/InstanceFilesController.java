package io.corral.sshproxy.files;

import io.corral.sshproxy.access.InstancePath;
import io.corral.support.web.ApiException;
import io.corral.support.web.ErrorCode;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.regex.Pattern;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.mvc.method.annotation.StreamingResponseBody;
import tools.jackson.databind.json.JsonMapper;

/**
 * Files over HTTPS, for users whose firewall passes only HTTPS (the old
 * {@code cf files}): a directory of an instance is listed as JSON, a file is streamed.
 */
@RestController
class InstanceFilesController {

    private static final Pattern APP_GUID = Pattern.compile("[A-Za-z0-9_-]{1,64}");

    private static final Pattern INDEX = Pattern.compile("[0-9]{1,6}");

    private final InstanceFiles files;

    private final JsonMapper json;

    InstanceFilesController(InstanceFiles files, JsonMapper json) {
        this.files = files;
        this.json = json;
    }

    @Operation(summary = "List a directory of an app instance, or download one of its files",
            description = "The user's own token decides, as for an SSH login to cf:APP_GUID/INDEX; file_read is needed.",
            responses = { @ApiResponse(responseCode = "200", description = "a listing (JSON) or the file's bytes",
                    content = {
                            @Content(mediaType = "application/json",
                                    schema = @Schema(implementation = FileListing.class)),
                            @Content(mediaType = "application/octet-stream") }) })
    @GetMapping("/v1/apps/{app_guid}/instances/{index}/files/{*path}")
    ResponseEntity<StreamingResponseBody> file(@PathVariable("app_guid") String appGuid,
            @PathVariable("index") String index, @PathVariable("path") String path, @AuthenticationPrincipal Jwt token,
            HttpServletRequest request) {
        if (!APP_GUID.matcher(appGuid).matches()) {
            throw ApiException.invalidRequest("app_guid: letters, digits, '-' and '_', at most 64");
        }
        if (!INDEX.matcher(index).matches()) {
            throw ApiException.invalidRequest("index: a whole number of at most 6 digits");
        }
        String normalised;
        try {
            normalised = InstancePath.normalise(path);
        }
        catch (IllegalArgumentException e) {
            throw ApiException.invalidRequest(e.getMessage());
        }
        InstanceFiles.Access access = files.open(appGuid, Integer.parseInt(index), token.getTokenValue(),
                clientAddress(request));
        try {
            InstanceFiles.Target target = access.resolve(normalised);
            if (target.isDirectory()) {
                FileListing listing;
                try (access) {
                    listing = access.list(normalised, target);
                }
                byte[] bytes = json.writeValueAsBytes(listing);
                StreamingResponseBody body = out -> out.write(bytes);
                return ResponseEntity.ok()
                    .contentType(MediaType.APPLICATION_JSON)
                    .contentLength(bytes.length)
                    .body(body);
            }
            if (!target.isRegularFile()) {
                throw new ApiException(ErrorCode.INSTANCE_FILE_NOT_FOUND, "path: neither a file nor a directory");
            }
            StreamingResponseBody body = out -> {
                try (access) {
                    access.copy(target, out);
                }
            };
            return ResponseEntity.ok()
                .contentType(MediaType.APPLICATION_OCTET_STREAM)
                .contentLength(target.attributes().getSize())
                .body(body);
        }
        catch (IOException e) {
            access.close();
            throw new UncheckedIOException(e);
        }
        catch (RuntimeException e) {
            access.close();
            throw e;
        }
    }

    private static String clientAddress(HttpServletRequest request) {
        String host = request.getRemoteAddr();
        return (host.indexOf(':') >= 0 ? "[" + host + "]" : host) + ":" + request.getRemotePort();
    }

}
