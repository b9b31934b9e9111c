package io.corral.sshproxy.access;

import static org.assertj.core.api.Assertions.assertThat;

import io.corral.sshproxy.access.SftpRequests.Access;
import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class SftpRequestsTest {

    @ParameterizedTest
    @CsvSource({ "1,NONE", "4,NONE", "5,READ", "6,WRITE", "7,LOOKUP", "8,LOOKUP", "9,WRITE", "10,WRITE", "11,READ",
            "12,READ", "13,WRITE", "14,WRITE", "15,WRITE", "16,LOOKUP", "17,LOOKUP", "18,WRITE", "19,READ", "20,WRITE",
            "99,WRITE" })
    void eachRequestTypeNeedsWhatItDoes(int type, Access access) throws IOException {
        assertThat(SftpRequests.access(packet(type, 7, "path"))).isEqualTo(access);
    }

    @ParameterizedTest
    @CsvSource({ "1,READ", "2,WRITE", "3,READ_WRITE", "4,WRITE", "8,WRITE", "9,READ_WRITE", "16,WRITE", "32,WRITE",
            "0,READ" })
    void anOpenNeedsWhatItsFlagsAskFor(int flags, Access access) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        DataOutputStream open = new DataOutputStream(bytes);
        open.writeByte(SftpRequests.SSH_FXP_OPEN);
        open.writeInt(42);
        writeString(open, "/home/vcap/app.log");
        open.writeInt(flags);
        open.writeInt(0);

        assertThat(SftpRequests.access(bytes.toByteArray())).isEqualTo(access);
        assertThat(SftpRequests.requestId(bytes.toByteArray())).isEqualTo(42);
    }

    @ParameterizedTest
    @CsvSource({ "statvfs@openssh.com,LOOKUP", "limits@openssh.com,LOOKUP", "expand-path@openssh.com,LOOKUP",
            "posix-rename@openssh.com,WRITE", "hardlink@openssh.com,WRITE", "fsync@openssh.com,WRITE",
            "copy-data,WRITE", "lsetstat@openssh.com,WRITE", "unknown@example.com,WRITE" })
    void extensionsAreKnownOrWrites(String name, Access access) throws IOException {
        assertThat(SftpRequests.access(packet(SftpRequests.SSH_FXP_EXTENDED, 3, name))).isEqualTo(access);
    }

    @Test
    void truncatedOrLyingPacketsNeedWriting() {
        assertThat(SftpRequests.access(new byte[0])).isEqualTo(Access.WRITE);
        assertThat(SftpRequests.access(new byte[] { 3, 0, 0, 0, 1 })).isEqualTo(Access.WRITE);
        assertThat(SftpRequests.access(new byte[] { 3, 0, 0, 0, 1, 0x7f, -1, -1, -1, 'a' })).isEqualTo(Access.WRITE);
        assertThat(SftpRequests.access(new byte[] { (byte) 200, 0, 0, 0, 1, -1, -1, -1, -1 })).isEqualTo(Access.WRITE);
    }

    @Property
    void anyPacketGetsAnAnswer(@ForAll byte[] packet) {
        assertThat(SftpRequests.access(packet)).isNotNull();
    }

    private static byte[] packet(int type, int id, String text) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        DataOutputStream packet = new DataOutputStream(bytes);
        packet.writeByte(type);
        packet.writeInt(id);
        writeString(packet, text);
        return bytes.toByteArray();
    }

    private static void writeString(DataOutputStream out, String text) throws IOException {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        out.writeInt(bytes.length);
        out.write(bytes);
    }

}
