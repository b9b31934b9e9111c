package io.corral.sshproxy.access;

import java.nio.charset.StandardCharsets;

/**
 * What an SFTP (version 3, as OpenSSH speaks it) request from the client does to the
 * instance's files, read off its packet: the type byte, then the request id and fields.
 * Requests that only look up names and attributes (realpath, stat, statvfs) are
 * {@link Access#LOOKUP}, allowed with either file permission; reading content (open for
 * reading, read, opendir, readdir, readlink) is {@link Access#READ}; anything that
 * changes the file system (open for writing, creating or truncating, write, setstat,
 * remove, rename, mkdir, rmdir, symlink, links, copies) is {@link Access#WRITE}. Unknown
 * requests and extensions are {@link Access#WRITE} (denied unless writing is allowed).
 */
public final class SftpRequests {

    /** What a request needs. */
    public enum Access {

        /** The init handshake and closing handles: always allowed. */
        NONE,

        /** Names and attributes. */
        LOOKUP,

        /** Reading content: {@code file_read}. */
        READ,

        /** Changing the file system: {@code file_write}. */
        WRITE,

        /** Both (an open for reading and writing). */
        READ_WRITE

    }

    public static final int SSH_FXP_INIT = 1;

    public static final int SSH_FXP_OPEN = 3;

    public static final int SSH_FXP_EXTENDED = 200;

    /** The version this proxy parses: the client's init is lowered to it. */
    public static final int VERSION = 3;

    private static final int FXF_READ = 0x01;

    private static final int FXF_CHANGES = 0x02 | 0x04 | 0x08 | 0x10 | 0x20;

    private SftpRequests() {
    }

    /**
     * What the request in {@code packet} (type byte first, without the length) needs.
     */
    public static Access access(byte[] packet) {
        if (packet.length == 0) {
            return Access.WRITE;
        }
        int type = packet[0] & 0xff;
        return switch (type) {
            case SSH_FXP_INIT, 4 -> Access.NONE;
            case 7, 8, 16, 17 -> Access.LOOKUP;
            case 5, 11, 12, 19 -> Access.READ;
            case SSH_FXP_OPEN -> openAccess(packet);
            case SSH_FXP_EXTENDED -> extendedAccess(packet);
            default -> Access.WRITE;
        };
    }

    /** The request id of a request other than init (the four bytes after the type). */
    public static int requestId(byte[] packet) {
        return packet.length < 5 ? 0 : readInt(packet, 1);
    }

    private static Access openAccess(byte[] packet) {
        int nameLength = packet.length < 9 ? -1 : readInt(packet, 5);
        if (nameLength < 0 || nameLength > packet.length - 13) {
            return Access.WRITE;
        }
        int flags = readInt(packet, 9 + nameLength);
        boolean reads = (flags & FXF_READ) != 0;
        boolean writes = (flags & FXF_CHANGES) != 0;
        if (reads && writes) {
            return Access.READ_WRITE;
        }
        return writes ? Access.WRITE : Access.READ;
    }

    private static Access extendedAccess(byte[] packet) {
        int nameLength = packet.length < 9 ? -1 : readInt(packet, 5);
        if (nameLength < 0 || nameLength > packet.length - 9) {
            return Access.WRITE;
        }
        String name = new String(packet, 9, nameLength, StandardCharsets.US_ASCII);
        return switch (name) {
            case "statvfs@openssh.com", "fstatvfs@openssh.com", "limits@openssh.com", "expand-path@openssh.com",
                    "home-directory" ->
                Access.LOOKUP;
            default -> Access.WRITE;
        };
    }

    static int readInt(byte[] bytes, int at) {
        return ((bytes[at] & 0xff) << 24) | ((bytes[at + 1] & 0xff) << 16) | ((bytes[at + 2] & 0xff) << 8)
                | (bytes[at + 3] & 0xff);
    }

}
