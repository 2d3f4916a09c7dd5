package io.churnwatch.devstack;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.Key;
import java.security.KeyStore;
import java.security.SecureRandom;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/**
 * One throw-away certificate authority and one server certificate it signed, for 127.0.0.1 and
 * localhost, made at test time by the JDK's {@code keytool}, so that no key is checked in and no
 * cryptography is written here. The Kafka broker and the Elasticsearch node both present the
 * server certificate; every client trusts {@link #caPem()}.
 *
 * <ul>
 *   <li>{@link #caPem()}: the CA certificate, PEM, what {@code CHURNWATCH_KAFKA_SSL_CA_FILE} and
 *       {@code CHURNWATCH_ES_CA_FILE} name
 *   <li>{@link #serverKeystore()}: PKCS#12 with the server key and its chain (for the broker),
 *       password {@link #keystorePassword()}
 *   <li>{@link #serverCertificatePem()} and {@link #serverKeyPem()}: the same as PEM, for
 *       Elasticsearch, which reads an unencrypted PKCS#8 key without a keystore password
 * </ul>
 */
public final class TestCertificates {

    private static final String VALIDITY_DAYS = "2";
    private static final long KEYTOOL_TIMEOUT_SECONDS = 60;

    private final Path dir;
    private final String keystorePassword;

    private TestCertificates(Path dir, String keystorePassword) {
        this.dir = dir;
        this.keystorePassword = keystorePassword;
    }

    /** Makes the CA and the server certificate in {@code dir} (about 2-4 s: five keytool runs). */
    public static TestCertificates create(Path dir) {
        String password = randomSecret();
        TestCertificates certs = new TestCertificates(dir, password);
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create " + dir, e);
        }
        String ca = dir.resolve("ca.p12").toString();
        String server = certs.serverKeystore().toString();
        keytool(
                password,
                null,
                "-genkeypair",
                "-alias",
                "ca",
                "-keyalg",
                "RSA",
                "-keysize",
                "2048",
                "-dname",
                "CN=ChurnWatch test CA",
                "-ext",
                "bc:c",
                "-validity",
                VALIDITY_DAYS,
                "-keystore",
                ca,
                "-storetype",
                "PKCS12");
        keytool(
                password,
                null,
                "-exportcert",
                "-rfc",
                "-alias",
                "ca",
                "-keystore",
                ca,
                "-file",
                certs.caPem().toString());
        keytool(
                password,
                null,
                "-genkeypair",
                "-alias",
                "server",
                "-keyalg",
                "RSA",
                "-keysize",
                "2048",
                "-dname",
                "CN=localhost",
                "-validity",
                VALIDITY_DAYS,
                "-keystore",
                server,
                "-storetype",
                "PKCS12");
        byte[] request = keytool(password, null, "-certreq", "-alias", "server", "-keystore", server);
        byte[] signed = keytool(
                password,
                request,
                "-gencert",
                "-rfc",
                "-alias",
                "ca",
                "-keystore",
                ca,
                "-validity",
                VALIDITY_DAYS,
                "-ext",
                "SAN=ip:127.0.0.1,dns:localhost",
                "-ext",
                "KU=digitalSignature,keyEncipherment",
                "-ext",
                "EKU=serverAuth,clientAuth");
        try {
            Files.write(certs.serverCertificatePem(), signed);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        // The reply chain is accepted only once the CA that signed it is trusted by the keystore.
        keytool(
                password,
                null,
                "-importcert",
                "-noprompt",
                "-alias",
                "ca",
                "-file",
                certs.caPem().toString(),
                "-keystore",
                server);
        keytool(
                password,
                null,
                "-importcert",
                "-noprompt",
                "-alias",
                "server",
                "-file",
                certs.serverCertificatePem().toString(),
                "-keystore",
                server);
        certs.writeServerKeyPem();
        return certs;
    }

    /** A random credential: 32 hex digits from {@link SecureRandom}, safe in every config syntax. */
    public static String randomSecret() {
        byte[] bytes = new byte[16];
        new SecureRandom().nextBytes(bytes);
        return HexFormat.of().formatHex(bytes);
    }

    public Path caPem() {
        return dir.resolve("ca.crt");
    }

    public Path serverKeystore() {
        return dir.resolve("server.p12");
    }

    public Path serverCertificatePem() {
        return dir.resolve("server.crt");
    }

    public Path serverKeyPem() {
        return dir.resolve("server.key");
    }

    /** Of {@link #serverKeystore()} and its key; a secret of the servers, not of ChurnWatch. */
    public String keystorePassword() {
        return keystorePassword;
    }

    /** A TLS context that trusts only this CA, for clients that are not Kafka or Elasticsearch clients. */
    public SSLContext clientContext() {
        try (InputStream in = Files.newInputStream(caPem())) {
            Certificate ca = CertificateFactory.getInstance("X.509").generateCertificate(in);
            KeyStore trust = KeyStore.getInstance(KeyStore.getDefaultType());
            trust.load(null, null);
            trust.setCertificateEntry("ca", ca);
            TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            tmf.init(trust);
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(null, tmf.getTrustManagers(), null);
            return context;
        } catch (IOException | GeneralSecurityException e) {
            throw new IllegalStateException("cannot load the test CA " + caPem() + ": " + e.getMessage(), e);
        }
    }

    // PKCS#12 holds the key as PKCS#8 already; PEM is only its base64 between two lines.
    private void writeServerKeyPem() {
        try (InputStream in = Files.newInputStream(serverKeystore())) {
            KeyStore store = KeyStore.getInstance("PKCS12");
            store.load(in, keystorePassword.toCharArray());
            Key key = store.getKey("server", keystorePassword.toCharArray());
            String pem = "-----BEGIN PRIVATE KEY-----\n"
                    + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII))
                            .encodeToString(key.getEncoded())
                    + "\n-----END PRIVATE KEY-----\n";
            Files.writeString(serverKeyPem(), pem, StandardCharsets.US_ASCII);
        } catch (IOException | GeneralSecurityException e) {
            throw new IllegalStateException("cannot export the server key of " + serverKeystore(), e);
        }
    }

    private static byte[] keytool(String password, byte[] input, String... args) {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "keytool").toString());
        command.addAll(List.of(args));
        // The password through the environment, not the command line that ps shows. A PKCS#12
        // key's password is the store's.
        command.addAll(List.of("-storepass:env", "CW_KEYTOOL_PASS"));
        ProcessBuilder builder = new ProcessBuilder(command);
        builder.environment().put("CW_KEYTOOL_PASS", password);
        builder.environment().remove("JAVA_TOOL_OPTIONS");
        try {
            Process process = builder.start();
            if (input != null) {
                process.getOutputStream().write(input);
            }
            process.getOutputStream().close();
            ByteArrayOutputStream output = new ByteArrayOutputStream();
            process.getInputStream().transferTo(output);
            String errors = new String(process.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!process.waitFor(KEYTOOL_TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new IllegalStateException("keytool " + args[0] + " did not finish");
            }
            if (process.exitValue() != 0) {
                throw new IllegalStateException("keytool " + args[0] + " failed (status " + process.exitValue() + "): "
                        + errors + output.toString(StandardCharsets.UTF_8));
            }
            return output.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot run keytool: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while running keytool", e);
        }
    }
}
