package io.corral.sshproxy.access;

import java.util.ArrayDeque;
import java.util.Deque;

/**
 * A path below an instance's root directory as a files request names it, normalised:
 * empty and {@code .} segments dropped, {@code ..} taking back the segment before it. A
 * path that would climb above the root, holds a control character or a backslash, or is
 * longer than {@link #MAX_LENGTH} is refused. The result never starts or ends with
 * {@code /}; the root itself is the empty path.
 */
public final class InstancePath {

    public static final int MAX_LENGTH = 4096;

    private InstancePath() {
    }

    /**
     * The normalised form of {@code path}.
     * @throws IllegalArgumentException when it is refused, saying why
     */
    public static String normalise(String path) {
        if (path.length() > MAX_LENGTH) {
            throw new IllegalArgumentException("path: longer than " + MAX_LENGTH + " characters");
        }
        if (path.chars().anyMatch(c -> c < 0x20 || c == 0x7f || c == '\\')) {
            throw new IllegalArgumentException("path: holds a control character or a backslash");
        }
        Deque<String> segments = new ArrayDeque<>();
        for (String segment : path.split("/")) {
            if (segment.isEmpty() || segment.equals(".")) {
                continue;
            }
            if (segment.equals("..")) {
                if (segments.isEmpty()) {
                    throw new IllegalArgumentException("path: climbs above the instance's root directory");
                }
                segments.removeLast();
            }
            else {
                segments.addLast(segment);
            }
        }
        return String.join("/", segments);
    }

    /**
     * Whether {@code canonical} (a path the instance resolved, symbolic links followed)
     * is {@code root} or below it.
     */
    public static boolean isWithin(String root, String canonical) {
        String base = root.endsWith("/") ? root : root + "/";
        return canonical.equals(root) || canonical.startsWith(base) || root.equals("/");
    }

}
