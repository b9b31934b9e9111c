package io.corral.sshproxy.files;

import io.corral.sshproxy.access.InstancePath;
import io.corral.sshproxy.auth.AuthorizeOutcome;
import io.corral.sshproxy.auth.Grant;
import io.corral.sshproxy.auth.SshAuthClient;
import io.corral.sshproxy.server.ProxyMetrics;
import io.corral.sshproxy.server.SecondHop;
import io.corral.support.web.ApiException;
import io.corral.support.web.ErrorCode;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.List;
import org.apache.sshd.client.session.ClientSession;
import org.apache.sshd.sftp.client.SftpClient;
import org.apache.sshd.sftp.client.SftpClient.Attributes;
import org.apache.sshd.sftp.client.SftpClientFactory;
import org.apache.sshd.sftp.common.SftpConstants;
import org.apache.sshd.sftp.common.SftpException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;

/**
 * Files over HTTPS: the same decision as an SSH login ({@code file_read} needed), carried
 * over the same second hop with sftp. The instance's root is the directory its SSH daemon
 * starts sftp in; a path that resolves (symbolic links followed) outside it is answered
 * as missing.
 */
@Service
public class InstanceFiles {

    /** The most entries one listing holds. */
    static final int MAX_ENTRIES = 10_000;

    private static final Logger log = LoggerFactory.getLogger(InstanceFiles.class);

    private final SshAuthClient sshAuth;

    private final SecondHop secondHop;

    private final ProxyMetrics metrics;

    InstanceFiles(SshAuthClient sshAuth, SecondHop secondHop, ProxyMetrics metrics) {
        this.sshAuth = sshAuth;
        this.secondHop = secondHop;
        this.metrics = metrics;
    }

    /**
     * An open view of one instance's files for one request; closing it ends the grant.
     */
    public final class Access implements AutoCloseable {

        private final Grant grant;

        private final ClientSession session;

        private final SftpClient sftp;

        private final String root;

        private Access(Grant grant, ClientSession session, SftpClient sftp, String root) {
            this.grant = grant;
            this.session = session;
            this.sftp = sftp;
            this.root = root;
        }

        /** The canonical path of {@code path} below the root, and its attributes. */
        public Target resolve(String path) throws IOException {
            String wanted = path.isEmpty() ? root : root + "/" + path;
            try {
                String canonical = sftp.canonicalPath(wanted);
                if (!InstancePath.isWithin(root, canonical)) {
                    throw notFound(path);
                }
                return new Target(canonical, sftp.stat(canonical));
            }
            catch (SftpException e) {
                if (e.getStatus() == SftpConstants.SSH_FX_NO_SUCH_FILE
                        || e.getStatus() == SftpConstants.SSH_FX_PERMISSION_DENIED) {
                    throw notFound(path);
                }
                throw e;
            }
        }

        public FileListing list(String path, Target directory) throws IOException {
            List<FileListing.Entry> entries = new ArrayList<>();
            boolean truncated = false;
            for (SftpClient.DirEntry entry : sftp.readDir(directory.canonical())) {
                if (entry.getFilename().equals(".") || entry.getFilename().equals("..")) {
                    continue;
                }
                if (entries.size() == MAX_ENTRIES) {
                    truncated = true;
                    break;
                }
                Attributes attributes = entry.getAttributes();
                entries.add(new FileListing.Entry(entry.getFilename(), type(attributes), attributes.getSize(),
                        attributes.getModifyTime() == null ? null : attributes.getModifyTime().toInstant().toString()));
            }
            return new FileListing("/" + path, entries, truncated);
        }

        public void copy(Target file, OutputStream out) throws IOException {
            try (InputStream in = sftp.read(file.canonical())) {
                byte[] buffer = new byte[64 * 1024];
                int read;
                while ((read = in.read(buffer)) >= 0) {
                    out.write(buffer, 0, read);
                    metrics.relayedFromInstance(read);
                }
            }
        }

        @Override
        public void close() {
            try {
                sftp.close();
            }
            catch (IOException e) {
                log.trace("sftp close", e);
            }
            session.close(false);
            try {
                sshAuth.release(grant.grantId());
            }
            catch (RuntimeException e) {
                log.warn("could not report the end of grant {}: {}", grant.grantId(), e.getMessage());
            }
        }

    }

    /** A resolved path on the instance. */
    public record Target(String canonical, Attributes attributes) {

        public boolean isDirectory() {
            return attributes.isDirectory();
        }

        public boolean isRegularFile() {
            return attributes.isRegularFile();
        }

    }

    /**
     * Opens the files of instance {@code index} of {@code appGuid} for the holder of
     * {@code userToken}, as ssh-auth-service decides.
     */
    public Access open(String appGuid, int index, String userToken, String clientAddress) {
        AuthorizeOutcome outcome = sshAuth.authorize("cf:" + appGuid + "/" + index, "bearer " + userToken,
                clientAddress);
        if (outcome instanceof AuthorizeOutcome.Refused refused) {
            throw new ApiException(refused.status() == 429 ? ErrorCode.TOO_MANY_ATTEMPTS : ErrorCode.SSH_ACCESS_REFUSED,
                    refused.message() + " (reason: " + refused.reason() + ")");
        }
        if (outcome instanceof AuthorizeOutcome.Unavailable unavailable) {
            log.warn("no files decision: {}", unavailable.detail());
            throw new ApiException(ErrorCode.SSH_AUTH_UNAVAILABLE, "access cannot be decided now; try again later");
        }
        Grant grant = ((AuthorizeOutcome.Granted) outcome).grant();
        if (!grant.permissions().fileRead()) {
            sshAuth.release(grant.grantId());
            throw new ApiException(ErrorCode.SSH_ACCESS_REFUSED,
                    "reading files is not permitted on this instance (reason: not_permitted)");
        }
        ClientSession session;
        try {
            session = secondHop.connect(grant);
        }
        catch (SecondHop.SecondHopException e) {
            log.warn("grant {}: {}", grant.grantId(), e.getMessage());
            sshAuth.release(grant.grantId());
            throw new ApiException(ErrorCode.INSTANCE_UNREACHABLE, "the instance cannot be reached now");
        }
        try {
            SftpClient sftp = SftpClientFactory.instance().createSftpClient(session);
            return new Access(grant, session, sftp, sftp.canonicalPath("."));
        }
        catch (IOException e) {
            session.close(true);
            sshAuth.release(grant.grantId());
            throw new ApiException(ErrorCode.INSTANCE_UNREACHABLE, "the instance's files cannot be read now");
        }
    }

    private static ApiException notFound(String path) {
        return new ApiException(ErrorCode.INSTANCE_FILE_NOT_FOUND, "path: no such file or directory: /" + path);
    }

    private static String type(Attributes attributes) {
        if (attributes.isDirectory()) {
            return "directory";
        }
        if (attributes.isRegularFile()) {
            return "file";
        }
        return attributes.isSymbolicLink() ? "symlink" : "other";
    }

}
