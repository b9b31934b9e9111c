package io.corral.sshproxy.server;

import java.util.List;
import org.apache.sshd.common.NamedFactory;
import org.apache.sshd.common.cipher.BuiltinCiphers;
import org.apache.sshd.common.cipher.Cipher;
import org.apache.sshd.common.compression.BuiltinCompressions;
import org.apache.sshd.common.compression.Compression;
import org.apache.sshd.common.FactoryManager;
import org.apache.sshd.common.mac.BuiltinMacs;
import org.apache.sshd.common.mac.Mac;
import org.apache.sshd.core.CoreModuleProperties;

/**
 * The ciphers, MACs and compression the proxy speaks on both hops. Every relayed byte is
 * decrypted and encrypted again by the proxy, so the cost per byte decides its
 * throughput: AES in GCM or CTR mode runs on the processor's AES instructions in the JVM
 * (about 0.15 CPU seconds per 100 MB, MAC included), while ChaCha20-Poly1305 is plain
 * Java in MINA (about 1.2 s), eight times as much. ChaCha20-Poly1305 is therefore not
 * offered: OpenSSH clients prefer it when offered, and pick {@code aes128-ctr} with
 * {@code hmac-sha2-256-etm@openssh.com} otherwise; on the second hop the proxy is the
 * client and its order (GCM first) is the one that counts. Only AEAD or CTR ciphers and
 * SHA-2 MACs (encrypt-then-MAC first) are offered: no CBC, RC4, 3DES, Blowfish, SHA-1 or
 * MD5. Compression is off: it would cost the proxy's CPU for every user's transfer.
 * Sockets send at once ({@code TCP_NODELAY}, as OpenSSH does for interactive sessions): a
 * relayed keystroke, or the short packet that ends a relayed chunk, is not held back
 * waiting for the acknowledgement of what went before.
 */
final class Transport {

    static final List<NamedFactory<Cipher>> CIPHERS = List.of(BuiltinCiphers.aes128gcm, BuiltinCiphers.aes256gcm,
            BuiltinCiphers.aes128ctr, BuiltinCiphers.aes192ctr, BuiltinCiphers.aes256ctr);

    static final List<NamedFactory<Mac>> MACS = List.of(BuiltinMacs.hmacsha256etm, BuiltinMacs.hmacsha512etm,
            BuiltinMacs.hmacsha256, BuiltinMacs.hmacsha512);

    static final List<NamedFactory<Compression>> COMPRESSIONS = List.of(BuiltinCompressions.none);

    private Transport() {
    }

    /** Makes {@code endpoint} (the listener or the second hop's client) speak these. */
    static void apply(FactoryManager endpoint) {
        endpoint.setCipherFactories(CIPHERS);
        endpoint.setMacFactories(MACS);
        endpoint.setCompressionFactories(COMPRESSIONS);
        CoreModuleProperties.TCP_NODELAY.set(endpoint, true);
    }

}
