package io.corral.cell.ssh;

import java.nio.file.FileSystem;
import java.nio.file.Path;
import org.apache.sshd.server.channel.ChannelSession;
import org.apache.sshd.server.command.Command;
import org.apache.sshd.sftp.server.SftpSubsystem;
import org.apache.sshd.sftp.server.SftpSubsystemFactory;

/**
 * The sftp subsystem on the host's file system, starting in the instance's directory (as
 * Diego's daemon starts in the container user's home): relative paths, {@code realpath .}
 * and therefore {@code scp} and {@code sftp} without a path land there. It is not a
 * chroot, as commands run over {@code exec} are not confined either.
 */
final class InstanceSftp extends SftpSubsystemFactory {

    private final Path directory;

    InstanceSftp(Path directory) {
        this.directory = directory;
    }

    @Override
    public Command createSubsystem(ChannelSession channel) {
        return new StartingInDirectory(channel, this, directory);
    }

    private static final class StartingInDirectory extends SftpSubsystem {

        private final Path directory;

        StartingInDirectory(ChannelSession channel, InstanceSftp configurator, Path directory) {
            super(channel, configurator);
            this.directory = directory;
        }

        @Override
        public void setFileSystem(FileSystem fileSystem) {
            super.setFileSystem(fileSystem);
            defaultDir = fileSystem.getPath(directory.toString());
        }

    }

}
