package io.corral.support.security;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.interfaces.RSAPrivateCrtKey;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.RSAPublicKeySpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Collection;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Signs JWTs with a local RSA key kept in a file (created on first use), in the shape UAA
 * issues them: {@code scope} as a list of strings.
 */
public final class DevIssuer {

    private final String issuer;

    private final RSAPublicKey publicKey;

    private final RSASSASigner signer;

    public DevIssuer(String issuer, Path keyFile) {
        this.issuer = issuer;
        RSAPrivateCrtKey privateKey = loadOrCreate(keyFile);
        this.publicKey = publicKeyOf(privateKey);
        this.signer = new RSASSASigner(privateKey);
    }

    public RSAPublicKey publicKey() {
        return publicKey;
    }

    public String mint(String subject, Collection<String> scopes, Duration ttl) {
        return mint(subject, scopes, ttl, Map.of());
    }

    /**
     * A token with {@code claims} on top of the usual ones; a claim whose value is null
     * is left out ({@code sub} too), as odd issuers do.
     */
    public String mint(String subject, Collection<String> scopes, Duration ttl, Map<String, Object> claims) {
        Instant now = Instant.now();
        JWTClaimsSet.Builder builder = new JWTClaimsSet.Builder().issuer(issuer)
            .subject(subject)
            .claim("scope", List.copyOf(scopes))
            .claim("user_name", subject)
            .issueTime(Date.from(now))
            .expirationTime(Date.from(now.plus(ttl)))
            .jwtID(UUID.randomUUID().toString());
        claims.forEach(builder::claim);
        JWTClaimsSet claimSet = builder.build();
        SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID("corral-dev").build(), claimSet);
        try {
            jwt.sign(signer);
        }
        catch (JOSEException e) {
            throw new IllegalStateException("cannot sign a development token", e);
        }
        return jwt.serialize();
    }

    private static RSAPrivateCrtKey loadOrCreate(Path keyFile) {
        try {
            if (!Files.exists(keyFile)) {
                create(keyFile);
            }
            byte[] der = Base64.getMimeDecoder()
                .decode(Files.readString(keyFile).replaceAll("-----[A-Z ]+-----", "").strip());
            return (RSAPrivateCrtKey) KeyFactory.getInstance("RSA").generatePrivate(new PKCS8EncodedKeySpec(der));
        }
        catch (IOException e) {
            throw new UncheckedIOException("cannot read the development issuer key " + keyFile, e);
        }
        catch (GeneralSecurityException | ClassCastException e) {
            throw new IllegalStateException("the development issuer key " + keyFile + " is not an RSA key", e);
        }
    }

    private static void create(Path keyFile) throws IOException, GeneralSecurityException {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(2048);
        KeyPair pair = generator.generateKeyPair();
        String pem = "-----BEGIN PRIVATE KEY-----\n"
                + Base64.getMimeEncoder(64, "\n".getBytes()).encodeToString(pair.getPrivate().getEncoded())
                + "\n-----END PRIVATE KEY-----\n";
        Path parent = keyFile.toAbsolutePath().getParent();
        Files.createDirectories(parent);
        Path temp = Files.createTempFile(parent, "dev-issuer", ".tmp");
        Files.writeString(temp, pem);
        // Another service may have created it meanwhile: keep whichever landed first.
        try {
            Files.move(temp, keyFile);
        }
        catch (java.nio.file.FileAlreadyExistsException e) {
            Files.delete(temp);
        }
    }

    private static RSAPublicKey publicKeyOf(RSAPrivateCrtKey key) {
        try {
            return (RSAPublicKey) KeyFactory.getInstance("RSA")
                .generatePublic(new RSAPublicKeySpec(key.getModulus(), key.getPublicExponent()));
        }
        catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

}
