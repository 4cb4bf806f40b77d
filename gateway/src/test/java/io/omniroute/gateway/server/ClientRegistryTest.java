package io.omniroute.gateway.server;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ClientRegistryTest
{
    @TempDir
    Path tmp;

    @Test
    void shouldVerifyAHashedSecretInConstantTimeAndNeverStoreIt()
    {
        final String text = SecretHash.hash("s3cret".toCharArray(), 1000);
        assertTrue(text.startsWith("pbkdf2-sha256:1000:"), text);
        assertFalse(text.contains("s3cret"));
        final SecretHash h = SecretHash.parse(text);
        assertTrue(h.matches("s3cret".toCharArray()));
        assertFalse(h.matches("s3creT".toCharArray()));
        assertFalse(text.equals(SecretHash.hash("s3cret".toCharArray(), 1000)), "a fresh salt each time");
    }

    @Test
    void shouldLoadClientsWithRolesAndRates() throws Exception
    {
        final Path f = tmp.resolve("clients");
        Files.writeString(f, "# comment\n\nweb order,read " + SecretHash.hash("a".toCharArray(), 10) + " rate=500\n" +
            "ops ops " + SecretHash.hash("b".toCharArray(), 10) + "\n");
        final ClientRegistry r = ClientRegistry.load(f);
        assertEquals(2, r.size());
        final ClientRegistry.Client web = r.authenticate("web", "a");
        assertNotNull(web);
        assertEquals(Roles.ORDER | Roles.READ, web.roles());
        assertEquals(500, web.ratePerSecond());
        assertNotNull(r.authenticate("web", "a"), "remembered after the first check");
        assertNull(r.authenticate("web", "b"));
        assertNull(r.authenticate("nobody", "a"));
        assertEquals(0, r.authenticate("ops", "b").ratePerSecond());
    }

    @Test
    void shouldNameTheLineAndTheProblemOfABadClientsFile() throws Exception
    {
        assertBad("web order\n", "clients:1: expected 'client_id roles secret_hash [rate=N]'");
        assertBad("web admin " + SecretHash.hash("a".toCharArray(), 10) + "\n",
            "clients:1: unknown role 'admin' (roles are order, ops, read)");
        assertBad("\nweb order md5:abc\n", "clients:2: secret hash must look like pbkdf2-sha256:ITERATIONS:SALT:HASH");
        assertBad("web order pbkdf2-sha256:x:AAAAAAAAAAA:BBBB\n", "clients:1: secret hash: iterations 'x'");
        assertBad("web order " + SecretHash.hash("a".toCharArray(), 10) + " rate=0\n", "clients:1: rate must be a positive");
        assertBad("web order " + SecretHash.hash("a".toCharArray(), 10) + " color=red\n", "clients:1: unknown option 'color=red'");
        final String line = "web order " + SecretHash.hash("a".toCharArray(), 10) + "\n";
        assertBad(line + line, "clients:2: client 'web' is listed twice");
        // was a registry of no clients: the server started and refused every logon
        assertBad("# nobody yet\n\n", "clients: no clients in it, so nobody could log on");
    }

    @Test
    void shouldNameTheLineThatIsNotUtf8() throws Exception
    {
        final Path f = tmp.resolve("clients");
        final byte[] good = ("# shops\nweb order " + SecretHash.hash("a".toCharArray(), 10) + "\n")
            .getBytes(java.nio.charset.StandardCharsets.UTF_8);
        final byte[] bad = "app order \u00ff\n".getBytes(java.nio.charset.StandardCharsets.ISO_8859_1);
        final byte[] all = java.util.Arrays.copyOf(good, good.length + bad.length);
        System.arraycopy(bad, 0, all, good.length, bad.length);
        Files.write(f, all);
        // was "Input length = 1" (serve printed "omniroute serve: Input length = 1")
        assertEquals("clients:3: not valid UTF-8 text",
            assertThrows(IllegalArgumentException.class, () -> ClientRegistry.load(f)).getMessage());
    }

    private void assertBad(final String content, final String message) throws Exception
    {
        final Path f = tmp.resolve("clients");
        Files.writeString(f, content);
        final IllegalArgumentException ex = assertThrows(IllegalArgumentException.class, () -> ClientRegistry.load(f));
        assertTrue(ex.getMessage().startsWith(message), ex.getMessage());
    }

    @Test
    void shouldMapCommandsToRoles()
    {
        assertTrue(Roles.allows(Roles.ORDER, io.omniroute.engine.CommandType.ORDER));
        assertTrue(Roles.allows(Roles.ORDER, io.omniroute.engine.CommandType.QUOTE));
        assertTrue(Roles.allows(Roles.READ, io.omniroute.engine.CommandType.QUOTE));
        assertTrue(Roles.allows(Roles.READ, io.omniroute.engine.CommandType.KPI));
        assertFalse(Roles.allows(Roles.READ, io.omniroute.engine.CommandType.ORDER));
        assertFalse(Roles.allows(Roles.ORDER, io.omniroute.engine.CommandType.SHIP));
        assertTrue(Roles.allows(Roles.OPS, io.omniroute.engine.CommandType.SNAPSHOT));
        assertFalse(Roles.allows(Roles.OPS, io.omniroute.engine.CommandType.CANCEL));
        assertFalse(Roles.allows(Roles.READ, io.omniroute.engine.CommandType.UNKNOWN));
    }
}
