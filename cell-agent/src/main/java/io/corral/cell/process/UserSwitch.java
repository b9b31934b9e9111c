package io.corral.cell.process;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Predicate;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Whether a {@code run} action's {@code user} (a Cloud Controller always sends
 * {@code vcap}) is honoured: only when the agent runs as root, so it may switch, and the
 * user exists on the host. Otherwise the process runs as the agent's own user, which is
 * logged once per user name.
 */
public final class UserSwitch {

    private static final Logger log = LoggerFactory.getLogger(UserSwitch.class);

    private static final Pattern USER_NAME = Pattern.compile("[a-z_][a-z0-9_-]{0,31}");

    private final String agentUser;

    private final boolean maySwitch;

    private final Predicate<String> exists;

    private final Owner owner;

    private final Set<String> told = ConcurrentHashMap.newKeySet();

    public UserSwitch(String agentUser, boolean maySwitch, Predicate<String> exists, Owner owner) {
        this.agentUser = agentUser;
        this.maySwitch = maySwitch;
        this.exists = exists;
        this.owner = owner;
    }

    /** Changes who owns a directory tree. */
    public interface Owner {

        void accept(Path directory, String user) throws IOException;

    }

    /** The host's view: the agent's user, whether it is root, and {@code id -u NAME}. */
    public static UserSwitch ofHost() {
        String user = System.getProperty("user.name");
        return new UserSwitch(user, "root".equals(user), UserSwitch::existsOnHost, UserSwitch::chown);
    }

    /**
     * The user to switch to, or null to run as the agent's user.
     */
    public String effectiveUser(String requested) {
        if (requested == null || requested.isEmpty() || requested.equals(agentUser)) {
            return null;
        }
        if (maySwitch && USER_NAME.matcher(requested).matches() && exists.test(requested)) {
            return requested;
        }
        if (told.add(requested)) {
            log.info("run actions for user {} run as {}: {}", requested, agentUser,
                    maySwitch ? "no such user on this host" : "the agent may not switch users");
        }
        return null;
    }

    /**
     * Makes {@code user} the owner of the container's directory, and all in it, before a
     * process of that user first runs there: as on Diego, where the app's home belongs to
     * {@code vcap}.
     */
    public void handOver(Path directory, String user) throws IOException {
        owner.accept(directory, user);
    }

    private static void chown(Path directory, String user) throws IOException {
        try {
            Process chown = new ProcessBuilder("chown", "-R", user + ":", directory.toString())
                .redirectErrorStream(true)
                .start();
            String output = new String(chown.getInputStream().readAllBytes()).strip();
            if (chown.waitFor() != 0) {
                throw new IOException("cannot hand the directory over to " + user + ": " + output);
            }
        }
        catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        }
    }

    private static boolean existsOnHost(String user) {
        try {
            Process id = new ProcessBuilder("id", "-u", user).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .start();
            return id.waitFor() == 0;
        }
        catch (IOException e) {
            return false;
        }
        catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

}
