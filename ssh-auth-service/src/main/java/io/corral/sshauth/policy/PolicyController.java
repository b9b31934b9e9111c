package io.corral.sshauth.policy;

import io.corral.receptor.api.ApiPatterns;
import io.corral.support.web.ApiException;
import io.swagger.v3.oas.annotations.Operation;
import jakarta.validation.Valid;
import java.util.List;
import java.util.regex.Pattern;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/** The SSH policy and the spaces' members, for platform admins ({@code ssh.admin}). */
@RestController
public class PolicyController {

    private static final Pattern USER_ID = Pattern.compile("[^\\p{Cntrl}/]{1,255}");

    private static final int MAX_LIMIT = 1000;

    private final SshPolicy policy;

    public PolicyController(SshPolicy policy) {
        this.policy = policy;
    }

    @Operation(summary = "Get the platform's SSH switch and permissions")
    @GetMapping("/v1/ssh/policy/platform")
    public LevelView platform() {
        return policy.level(Level.PLATFORM, "");
    }

    @Operation(summary = "Set the platform's SSH switch and permissions")
    @PutMapping("/v1/ssh/policy/platform")
    public LevelView putPlatform(@Valid @RequestBody LevelRequest request, @AuthenticationPrincipal Jwt token) {
        return policy.putLevel(Level.PLATFORM, "", request, Actors.of(token));
    }

    @Operation(summary = "Get a space's SSH switch, permissions and replace_tainted")
    @GetMapping("/v1/ssh/policy/spaces/{space_guid}")
    public LevelView space(@PathVariable("space_guid") String spaceGuid) {
        return policy.level(Level.SPACE, guid("space_guid", spaceGuid));
    }

    @Operation(summary = "Set a space's SSH switch, permissions and replace_tainted")
    @PutMapping("/v1/ssh/policy/spaces/{space_guid}")
    public LevelView putSpace(@PathVariable("space_guid") String spaceGuid, @Valid @RequestBody LevelRequest request,
            @AuthenticationPrincipal Jwt token) {
        return policy.putLevel(Level.SPACE, guid("space_guid", spaceGuid), request, Actors.of(token));
    }

    @Operation(summary = "Remove a space's SSH settings (it is open again)")
    @DeleteMapping("/v1/ssh/policy/spaces/{space_guid}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    public void deleteSpace(@PathVariable("space_guid") String spaceGuid, @AuthenticationPrincipal Jwt token) {
        policy.deleteLevel(Level.SPACE, guid("space_guid", spaceGuid), Actors.of(token));
    }

    @Operation(summary = "Get an app's SSH switch and permissions")
    @GetMapping("/v1/ssh/policy/apps/{app_guid}")
    public LevelView app(@PathVariable("app_guid") String appGuid) {
        return policy.level(Level.APP, guid("app_guid", appGuid));
    }

    @Operation(summary = "Set an app's SSH switch and permissions")
    @PutMapping("/v1/ssh/policy/apps/{app_guid}")
    public LevelView putApp(@PathVariable("app_guid") String appGuid, @Valid @RequestBody LevelRequest request,
            @AuthenticationPrincipal Jwt token) {
        return policy.putLevel(Level.APP, guid("app_guid", appGuid), request, Actors.of(token));
    }

    @Operation(summary = "Remove an app's SSH settings (it is open again)")
    @DeleteMapping("/v1/ssh/policy/apps/{app_guid}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    public void deleteApp(@PathVariable("app_guid") String appGuid, @AuthenticationPrincipal Jwt token) {
        policy.deleteLevel(Level.APP, guid("app_guid", appGuid), Actors.of(token));
    }

    @Operation(summary = "List a space's members (who may SSH into its apps)")
    @GetMapping("/v1/ssh/spaces/{space_guid}/members")
    public List<Member> members(@PathVariable("space_guid") String spaceGuid) {
        return policy.members(guid("space_guid", spaceGuid));
    }

    @Operation(summary = "Make a user a developer of a space")
    @PutMapping("/v1/ssh/spaces/{space_guid}/members/{user_id}")
    public Member addMember(@PathVariable("space_guid") String spaceGuid, @PathVariable("user_id") String userId,
            @Valid @RequestBody MemberRequest request, @AuthenticationPrincipal Jwt token) {
        return policy.addMember(guid("space_guid", spaceGuid), userId(userId), request.role(), Actors.of(token));
    }

    @Operation(summary = "Remove a user from a space")
    @DeleteMapping("/v1/ssh/spaces/{space_guid}/members/{user_id}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    public void removeMember(@PathVariable("space_guid") String spaceGuid, @PathVariable("user_id") String userId,
            @AuthenticationPrincipal Jwt token) {
        policy.removeMember(guid("space_guid", spaceGuid), userId(userId), Actors.of(token));
    }

    @Operation(summary = "Page through the audit of policy and membership changes")
    @GetMapping("/v1/ssh/policy/audit")
    public AuditPage audit(@RequestParam(name = "before_id", required = false) Long beforeId,
            @RequestParam(defaultValue = "100") int limit) {
        if (limit < 1 || limit > MAX_LIMIT) {
            throw ApiException.invalidRequest("limit: must be between 1 and " + MAX_LIMIT + ", not " + limit);
        }
        if (beforeId != null && beforeId < 1) {
            throw ApiException.invalidRequest("before_id: must be positive, not " + beforeId);
        }
        return policy.audit(beforeId, limit);
    }

    private static String guid(String name, String value) {
        if (!ApiPatterns.isGuid(value)) {
            throw ApiException.invalidRequest(name + ": " + ApiPatterns.GUID_RULE);
        }
        return value;
    }

    private static String userId(String value) {
        if (!USER_ID.matcher(value).matches()) {
            throw ApiException.invalidRequest("user_id: 1 to 255 characters, no control characters or '/'");
        }
        return value;
    }

}
