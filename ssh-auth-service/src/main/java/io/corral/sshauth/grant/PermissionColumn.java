package io.corral.sshauth.grant;

import io.corral.sshauth.access.Permission;
import io.corral.sshauth.access.Permissions;
import java.util.Arrays;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Permissions as the grants table keeps them: the allowed ones' names, comma-separated.
 */
final class PermissionColumn {

    private PermissionColumn() {
    }

    static String write(Permissions permissions) {
        return Arrays.stream(Permission.values())
            .filter(permissions::allows)
            .map(Permission::name)
            .collect(Collectors.joining(","));
    }

    static Permissions read(String column) {
        Set<String> names = column.isEmpty() ? Set.of() : Set.of(column.split(","));
        return new Permissions(names.contains("SHELL"), names.contains("EXEC"), names.contains("LOCAL_PORT_FORWARDING"),
                names.contains("REMOTE_PORT_FORWARDING"), names.contains("FILE_READ"), names.contains("FILE_WRITE"));
    }

}
