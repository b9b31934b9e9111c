package io.corral.sshproxy.server;

import io.corral.sshproxy.access.AccessDecision.Taint;
import io.corral.sshproxy.access.ChannelPolicy;
import io.corral.sshproxy.access.SftpRequests;
import io.corral.sshproxy.access.SftpRequests.Access;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.LongConsumer;
import org.apache.sshd.common.channel.LocalWindow;
import org.apache.sshd.common.util.buffer.Buffer;
import org.apache.sshd.common.util.buffer.ByteArrayBuffer;

/**
 * Relays an SFTP subsystem packet by packet, checking each request of the user against
 * the grant's current file permissions: a request that is not permitted never reaches the
 * instance and is answered {@code SSH_FX_PERMISSION_DENIED} with a message. The client's
 * init is lowered to version 3, the version the checks read. The instance's answers go to
 * the user in whole packets ({@link #PACKETS}), so a refusal never lands inside one.
 */
final class SftpFilter {

    /** OpenSSH's sftp-server takes packets up to 256 KiB; a little room above that. */
    static final int MAX_PACKET = 512 * 1024;

    /** The whole packets at the start of the waiting data. */
    static final StreamPump.Framing PACKETS = SftpFilter::wholePackets;

    private static final int SSH_FXP_STATUS = 101;

    private static final int SSH_FX_PERMISSION_DENIED = 3;

    private final ProxySession session;

    private final OrderedOutput instance;

    private final OrderedOutput user;

    private final LocalWindow window;

    private final LongConsumer counter;

    private final Buffer partial = new ByteArrayBuffer(StreamPump.CHUNK, false);

    SftpFilter(ProxySession session, OrderedOutput instance, OrderedOutput user, LocalWindow window,
            LongConsumer counter) {
        this.session = session;
        this.instance = instance;
        this.user = user;
        this.window = window;
        this.counter = counter;
    }

    /**
     * The user's bytes: each whole request is checked and passed on or answered; the
     * channel's window opens by {@code length} once they have been written. Called on one
     * thread at a time (the session's, in order).
     * @throws IOException for a packet no SFTP client sends
     */
    void received(byte[] data, int offset, int length) throws IOException {
        partial.compact();
        partial.putRawBytes(data, offset, length);
        int complete = wholePackets(partial);
        AtomicInteger writes = new AtomicInteger(1);
        Runnable written = () -> {
            if (writes.decrementAndGet() == 0) {
                ReceivedData.release(window, length);
            }
        };
        int end = partial.rpos() + complete;
        while (partial.rpos() < end) {
            byte[] packet = new byte[partial.getInt()];
            partial.getRawBytes(packet);
            writes.incrementAndGet();
            pass(packet, written);
        }
        written.run();
    }

    private void pass(byte[] request, Runnable written) {
        byte[] packet = isNewerInit(request) ? lowerVersion(request) : request;
        Access access = SftpRequests.access(packet);
        if (!ChannelPolicy.allowsSftp(access, session.permissions())) {
            user.write(refusal(SftpRequests.requestId(packet), access), written);
            return;
        }
        if (access == Access.WRITE || access == Access.READ_WRITE) {
            session.taint(Taint.FILE_WRITE);
        }
        Buffer framed = new ByteArrayBuffer(packet.length + 4, false);
        framed.putInt(packet.length);
        framed.putRawBytes(packet);
        instance.write(framed, () -> {
            counter.accept(packet.length + 4L);
            written.run();
        });
    }

    private static boolean isNewerInit(byte[] packet) {
        return (packet[0] & 0xff) == SftpRequests.SSH_FXP_INIT && packet.length >= 5
                && SftpRequests.requestId(packet) > SftpRequests.VERSION;
    }

    private static Buffer refusal(int requestId, Access access) {
        String message = access == Access.READ ? "reading files is not permitted on this instance"
                : "writing files is not permitted on this instance";
        byte[] text = message.getBytes(StandardCharsets.UTF_8);
        Buffer status = new ByteArrayBuffer(4 + 1 + 4 + 4 + 4 + text.length + 4, false);
        status.putInt(1 + 4 + 4 + 4 + text.length + 4);
        status.putByte((byte) SSH_FXP_STATUS);
        status.putInt(requestId);
        status.putInt(SSH_FX_PERMISSION_DENIED);
        status.putInt(text.length);
        status.putRawBytes(text);
        status.putInt(0);
        return status;
    }

    private static byte[] lowerVersion(byte[] init) {
        byte[] lowered = init.clone();
        lowered[1] = 0;
        lowered[2] = 0;
        lowered[3] = 0;
        lowered[4] = SftpRequests.VERSION;
        return lowered;
    }

    /**
     * The length of the whole packets at {@code waiting}'s read position; makes room for
     * the rest of a packet that has begun.
     */
    private static int wholePackets(Buffer waiting) throws IOException {
        int start = waiting.rpos();
        int position = start;
        int end = waiting.wpos();
        while (end - position >= 4) {
            long length = waiting.rawUInt(position);
            if (length < 1 || length > MAX_PACKET) {
                throw new IOException("an SFTP packet of " + length + " bytes");
            }
            if (end - position - 4 < length) {
                waiting.ensureCapacity((int) (length + 4 - (end - position)));
                break;
            }
            position += 4 + (int) length;
        }
        return position - start;
    }

}
