package io.omniroute.gateway.server;

import io.omniroute.gateway.client.ClientConfig;
import io.omniroute.gateway.client.ClientException;
import io.omniroute.gateway.client.ClientResult;
import io.omniroute.gateway.client.OmniRouteClient;
import io.omniroute.gateway.wire.sbe.ResultStatus;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.Certificate;
import java.util.Base64;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * TLS round trip with a throwaway certificate made by the JDK's keytool when the test runs (no key is committed).
 */
class TlsTest
{
    @TempDir
    static Path tmp;

    private static Path cert;
    private static Path key;

    @BeforeAll
    static void makeCertificate() throws Exception
    {
        final Path store = tmp.resolve("test.p12");
        final String keytool = Path.of(System.getProperty("java.home"), "bin", "keytool").toString();
        final Process p = new ProcessBuilder(keytool, "-genkeypair", "-alias", "gateway", "-keyalg", "RSA",
            "-keysize", "2048", "-dname", "CN=localhost", "-ext", "SAN=ip:127.0.0.1,dns:localhost", "-validity", "2",
            "-keystore", store.toString(), "-storetype", "PKCS12", "-storepass", "test-only", "-keypass", "test-only")
            .redirectErrorStream(true).start();
        final String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(60, TimeUnit.SECONDS));
        assertEquals(0, p.exitValue(), output);
        final KeyStore ks = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(store))
        {
            ks.load(in, "test-only".toCharArray());
        }
        final PrivateKey privateKey = (PrivateKey)ks.getKey("gateway", "test-only".toCharArray());
        final Certificate certificate = ks.getCertificate("gateway");
        cert = tmp.resolve("cert.pem");
        key = tmp.resolve("key.pem");
        Files.writeString(cert, pem("CERTIFICATE", certificate.getEncoded()));
        Files.writeString(key, pem("PRIVATE KEY", privateKey.getEncoded())); // PKCS#8
    }

    private static String pem(final String type, final byte[] der)
    {
        return "-----BEGIN " + type + "-----\n" +
            Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(der) +
            "\n-----END " + type + "-----\n";
    }

    @Test
    void shouldRoundTripOverTls() throws Exception
    {
        try (TestGateway gateway = new TestGateway(new GatewayConfig().tls(cert, key), null))
        {
            try (OmniRouteClient client = OmniRouteClient.connect(new ClientConfig().port(gateway.port).tls(cert)))
            {
                final ClientResult r = client.call(Frames.order("tls-1"), 10, TimeUnit.SECONDS);
                assertEquals(ResultStatus.ALLOCATED, r.status(), r.toString());
            }
            // a client that does not trust the certificate, and one that speaks plain TCP, get nowhere
            assertThrows(ClientException.class, () -> OmniRouteClient.connect(new ClientConfig().port(gateway.port)
                .tls(null).connectTimeoutMs(2_000).reconnect(false)).close());
            assertThrows(ClientException.class, () -> OmniRouteClient.connect(new ClientConfig().port(gateway.port)
                .connectTimeoutMs(1_000).reconnect(false)).close());
        }
    }

    @Test
    void shouldNameAnUnusableKeyFile() throws Exception
    {
        final Path bad = tmp.resolve("bad.pem");
        Files.writeString(bad, "not a key\n");
        final IllegalArgumentException ex = assertThrows(IllegalArgumentException.class,
            () -> new TestGateway(new GatewayConfig().tls(cert, bad), null));
        assertTrue(ex.getMessage().startsWith("TLS: cannot use certificate"), ex.getMessage());
    }
}
