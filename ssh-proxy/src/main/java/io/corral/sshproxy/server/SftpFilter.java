package io.corral.sshproxy.server;

import io.corral.sshproxy.access.AccessDecision.Taint;
import io.corral.sshproxy.access.ChannelPolicy;
import io.corral.sshproxy.access.SftpRequests;
import io.corral.sshproxy.access.SftpRequests.Access;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.function.LongConsumer;

/**
 * Relays an SFTP subsystem packet by packet, checking each request of the user against
 * the grant's current file permissions: a request that is not permitted never reaches the
 * instance and is answered {@code SSH_FX_PERMISSION_DENIED} with a message. The client's
 * init is lowered to version 3, the version the checks read. Answers from the instance
 * and refusals are written whole, one at a time.
 */
final class SftpFilter {

    /** OpenSSH's sftp-server takes packets up to 256 KiB; a little room above that. */
    static final int MAX_PACKET = 512 * 1024;

    private static final int SSH_FXP_STATUS = 101;

    private static final int SSH_FX_PERMISSION_DENIED = 3;

    private final ProxySession session;

    private final Object userOutLock = new Object();

    SftpFilter(ProxySession session) {
        this.session = session;
    }

    /** The user's requests to the instance, until the user's side ends. */
    void toInstance(InputStream user, OutputStream instance, OutputStream userOut, LongConsumer counter)
            throws IOException {
        DataInputStream in = new DataInputStream(user);
        byte[] packet;
        while ((packet = readPacket(in)) != null) {
            if ((packet[0] & 0xff) == SftpRequests.SSH_FXP_INIT && packet.length >= 5
                    && SftpRequests.requestId(packet) > SftpRequests.VERSION) {
                packet = lowerVersion(packet);
            }
            Access access = SftpRequests.access(packet);
            if (ChannelPolicy.allowsSftp(access, session.permissions())) {
                if (access == Access.WRITE || access == Access.READ_WRITE) {
                    session.taint(Taint.FILE_WRITE);
                }
                writePacket(instance, packet, in.available() == 0);
                counter.accept(packet.length + 4L);
            }
            else {
                refuse(userOut, SftpRequests.requestId(packet), access);
            }
        }
    }

    /** The instance's answers to the user, until the instance's side ends. */
    void toUser(InputStream instance, OutputStream userOut, LongConsumer counter) throws IOException {
        DataInputStream in = new DataInputStream(instance);
        byte[] packet;
        while ((packet = readPacket(in)) != null) {
            synchronized (userOutLock) {
                writePacket(userOut, packet, in.available() == 0);
            }
            counter.accept(packet.length + 4L);
        }
    }

    private void refuse(OutputStream userOut, int requestId, Access access) throws IOException {
        String message = access == Access.READ ? "reading files is not permitted on this instance"
                : "writing files is not permitted on this instance";
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        DataOutputStream status = new DataOutputStream(bytes);
        status.writeByte(SSH_FXP_STATUS);
        status.writeInt(requestId);
        status.writeInt(SSH_FX_PERMISSION_DENIED);
        byte[] text = message.getBytes(StandardCharsets.UTF_8);
        status.writeInt(text.length);
        status.write(text);
        status.writeInt(0);
        synchronized (userOutLock) {
            writePacket(userOut, bytes.toByteArray(), true);
        }
    }

    private static byte[] lowerVersion(byte[] init) {
        byte[] lowered = init.clone();
        lowered[1] = 0;
        lowered[2] = 0;
        lowered[3] = 0;
        lowered[4] = SftpRequests.VERSION;
        return lowered;
    }

    private static byte[] readPacket(DataInputStream in) throws IOException {
        int length;
        try {
            length = in.readInt();
        }
        catch (EOFException e) {
            return null;
        }
        if (length < 1 || length > MAX_PACKET) {
            throw new IOException("an SFTP packet of " + Integer.toUnsignedString(length) + " bytes");
        }
        byte[] packet = new byte[length];
        in.readFully(packet);
        return packet;
    }

    private static void writePacket(OutputStream out, byte[] packet, boolean flush) throws IOException {
        byte[] header = { (byte) (packet.length >>> 24), (byte) (packet.length >>> 16), (byte) (packet.length >>> 8),
                (byte) packet.length };
        out.write(header);
        out.write(packet);
        if (flush) {
            out.flush();
        }
    }

}
