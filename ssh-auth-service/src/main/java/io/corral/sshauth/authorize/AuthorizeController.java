package io.corral.sshauth.authorize;

import io.corral.receptor.api.ApiPatterns;
import io.corral.sshauth.access.RefusedException;
import io.corral.sshauth.access.SshUsername;
import io.corral.sshauth.credential.Credentials;
import io.corral.sshauth.credential.VerifiedUser;
import io.corral.sshauth.credential.OneTimeCodes;
import io.corral.sshauth.delegation.CloudControllerAccess;
import io.corral.support.web.ApiException;
import io.corral.support.web.ErrorCode;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.validation.Valid;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/**
 * Logins for proxies, one-time codes for users, the Cloud Controller's {@code ssh_access}
 * for an unmodified Diego proxy, and the SSH info for clients.
 */
@RestController
public class AuthorizeController {

    private final Authorizer authorizer;

    private final Credentials credentials;

    private final OneTimeCodes codes;

    private final InfoProperties info;

    private final CloudControllerAccess cloudController;

    AuthorizeController(Authorizer authorizer, Credentials credentials, OneTimeCodes codes, InfoProperties info,
            CloudControllerAccess cloudController) {
        this.authorizer = authorizer;
        this.credentials = credentials;
        this.codes = codes;
        this.info = info;
        this.cloudController = cloudController;
    }

    @Operation(summary = "Decide an SSH login (proxies): the instance to connect to, or why not")
    @ApiResponse(responseCode = "200",
            description = "Granted; refusals are 403 SshAccessRefused with a reason,"
                    + " throttling 429 TooManyAttempts (docs/api.md)")
    @PostMapping("/v1/ssh/authorize")
    public GrantResponse authorize(@Valid @RequestBody AuthorizeRequest request) {
        return authorizer.authorize(request);
    }

    @Operation(summary = "Issue a one-time code (single use, 60 s) for the user's bearer token")
    @ApiResponse(responseCode = "201", description = "The code")
    @PostMapping("/v1/ssh/codes")
    @ResponseStatus(HttpStatus.CREATED)
    public CodeResponse code(@Parameter(hidden = true) @RequestHeader(name = HttpHeaders.AUTHORIZATION,
            required = false) String authorization) {
        VerifiedUser user;
        try {
            user = credentials.tokenUser(userToken(authorization));
        }
        catch (RefusedException e) {
            throw new ApiException(ErrorCode.UNAUTHORIZED, e.reason().message());
        }
        // The Cloud Controller decides with the user's token: in delegation mode the code
        // keeps it.
        var issued = codes.issue(user, cloudController.enabled());
        return new CodeResponse(issued.code(), issued.ttl().toSeconds());
    }

    @Operation(summary = "May the token's user SSH into the app's instance (the Cloud Controller's endpoint)")
    @ApiResponse(responseCode = "200",
            description = "Allowed: the process to log in to; a refusal is 403" + " SshAccessRefused with a reason")
    @GetMapping("/internal/apps/{guid}/ssh_access/{index}")
    public ProcessAccess sshAccess(@PathVariable String guid, @PathVariable int index,
            @Parameter(hidden = true) @RequestHeader(name = HttpHeaders.AUTHORIZATION,
                    required = false) String authorization,
            HttpServletRequest http) {
        if (!ApiPatterns.isGuid(guid)) {
            throw ApiException.invalidRequest("guid: " + ApiPatterns.GUID_RULE);
        }
        if (index < 0 || index > SshUsername.MAX_INDEX) {
            throw ApiException.invalidRequest("index: must be between 0 and " + SshUsername.MAX_INDEX);
        }
        String token = userToken(authorization);
        return new ProcessAccess(authorizer.cloudControllerDecision(guid, index, token, http.getRemoteAddr()));
    }

    @Operation(summary = "Where the SSH proxy is and how to log in (as Cloud Foundry's /v2/info)")
    @GetMapping("/v1/ssh/info")
    public SshInfo info() {
        return new SshInfo(info.appSshEndpoint(), info.appSshHostKeyFingerprint(), info.appSshOauthClient());
    }

    private static String userToken(String authorization) {
        if (authorization == null || !authorization.regionMatches(true, 0, "bearer ", 0, 7)
                || authorization.substring(7).isBlank()) {
            throw new ApiException(ErrorCode.UNAUTHORIZED, "a user's bearer token is required");
        }
        return authorization.substring(7).strip();
    }

}
