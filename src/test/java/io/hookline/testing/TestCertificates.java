package io.hookline.testing;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.KeyStore;
import java.security.SecureRandom;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;

import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * A self-signed test certificate for {@code localhost} and {@code 127.0.0.1}, made at runtime, with
 * the TLS contexts a test needs on either side of the connection.
 *
 * <pre>{@code
 * TestCertificates certs = TestCertificates.localhost();      // shared by the whole test run
 * try (TestReceiver receiver = TestReceiver.https(certs)) {   // serves with certs.serverContext()
 *     SSLContext clientTrust = certs.trustingContext();       // trusts exactly this certificate
 *     ...
 * }
 * // A Spring app under test that must trust the receiver:
 * TestCertificates.TrustStoreFile store = certs.writeTrustStore(tempDir);
 * // e.g. javax.net.ssl.trustStore=store.path(), trustStorePassword=store.password(), type PKCS12
 * }</pre>
 *
 * {@link #generate()} makes an unrelated certificate, for tests where the sender must <em>not</em> trust
 * the receiver.
 */
public final class TestCertificates {

    /** A PKCS12 trust store on disk holding the certificate. */
    public record TrustStoreFile(Path path, String password, String type) {
    }

    private static final String ALIAS = "hookline-test";
    private static final char[] KEY_PASSWORD = "hookline-test".toCharArray();

    private static final class Shared {
        static final TestCertificates LOCALHOST = generate();
    }

    private final X509Certificate certificate;
    private final KeyStore keyStore;
    private final KeyStore trustStore;

    private TestCertificates(X509Certificate certificate, KeyPair keys) throws GeneralSecurityException, IOException {
        this.certificate = certificate;
        this.keyStore = KeyStore.getInstance("PKCS12");
        keyStore.load(null, null);
        keyStore.setKeyEntry(ALIAS, keys.getPrivate(), KEY_PASSWORD, new Certificate[] {certificate});
        this.trustStore = KeyStore.getInstance("PKCS12");
        trustStore.load(null, null);
        trustStore.setCertificateEntry(ALIAS, certificate);
    }

    /** The certificate the whole test run shares; generated once. */
    public static TestCertificates localhost() {
        return Shared.LOCALHOST;
    }

    /** A fresh certificate for localhost/127.0.0.1, unrelated to any other. */
    public static TestCertificates generate() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
            generator.initialize(new ECGenParameterSpec("secp256r1"));
            KeyPair keys = generator.generateKeyPair();
            X500Name name = new X500Name("CN=localhost, O=Hookline tests");
            Instant now = Instant.now();
            var builder = new JcaX509v3CertificateBuilder(name, new BigInteger(64, new SecureRandom()),
                    Date.from(now.minus(Duration.ofDays(1))), Date.from(now.plus(Duration.ofDays(30))),
                    name, keys.getPublic())
                    .addExtension(Extension.subjectAlternativeName, false, new GeneralNames(new GeneralName[] {
                            new GeneralName(GeneralName.dNSName, "localhost"),
                            new GeneralName(GeneralName.iPAddress, "127.0.0.1")}))
                    .addExtension(Extension.basicConstraints, true, new BasicConstraints(false))
                    .addExtension(Extension.extendedKeyUsage, false, new ExtendedKeyUsage(KeyPurposeId.id_kp_serverAuth));
            var signer = new JcaContentSignerBuilder("SHA256withECDSA").build(keys.getPrivate());
            X509Certificate certificate = new JcaX509CertificateConverter().getCertificate(builder.build(signer));
            return new TestCertificates(certificate, keys);
        } catch (GeneralSecurityException | OperatorCreationException | IOException e) {
            throw new IllegalStateException("cannot make a test certificate", e);
        }
    }

    public X509Certificate certificate() {
        return certificate;
    }

    /** The certificate in PEM, e.g. for a Spring Boot SSL bundle. */
    public String certificatePem() {
        try {
            String base64 = Base64.getMimeEncoder(64, "\n".getBytes()).encodeToString(certificate.getEncoded());
            return "-----BEGIN CERTIFICATE-----\n" + base64 + "\n-----END CERTIFICATE-----\n";
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Server side: presents this certificate. */
    public SSLContext serverContext() {
        try {
            KeyManagerFactory keys = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
            keys.init(keyStore, KEY_PASSWORD);
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(keys.getKeyManagers(), null, null);
            return context;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Client side: trusts this certificate and nothing else. */
    public SSLContext trustingContext() {
        try {
            TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            trust.init(trustStore);
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(null, trust.getTrustManagers(), null);
            return context;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A trust store holding only this certificate (in memory). */
    public KeyStore trustStore() {
        return trustStore;
    }

    /** Writes {@link #trustStore()} as a PKCS12 file in {@code directory}, e.g. a JUnit {@code @TempDir}. */
    public TrustStoreFile writeTrustStore(Path directory) {
        String password = "changeit";
        Path path = directory.resolve("hookline-test-truststore.p12");
        try (OutputStream out = Files.newOutputStream(path)) {
            trustStore.store(out, password.toCharArray());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
        return new TrustStoreFile(path, password, "PKCS12");
    }
}
