package io.omniroute.bench.recovery;

import com.fasterxml.jackson.databind.JsonNode;
import io.omniroute.gateway.demo.DemoGenerator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class RecoverySuiteTest
{
    @TempDir
    Path dir;

    private Path demo() throws Exception
    {
        final Path demo = dir.resolve("demo");
        new DemoGenerator(7, 300, 300).writeTo(demo);
        return demo;
    }

    private static List<Path> leftovers() throws Exception
    {
        final List<Path> found = new ArrayList<>();
        try (var s = Files.list(Path.of(System.getProperty("java.io.tmpdir"))))
        {
            s.filter(p -> p.getFileName().toString().startsWith("omniroute-recovery-bench")).forEach(found::add);
        }
        return found;
    }

    @Test
    void aTinyRunRecoversTheStateOfTheEngineThatWroteTheJournal() throws Exception
    {
        final List<Path> before = leftovers();
        final List<String> progress = new ArrayList<>();

        final JsonNode r = RecoverySuite.run(demo(), 3_000, 2, false, progress::add);

        assertTrue(r.path("verified").asBoolean(), r.toString());
        assertEquals(2, r.path("runs").size());
        for (final JsonNode run : r.path("runs"))
        {
            assertEquals(r.path("expected_state_hash").asText(), run.path("state_hash").asText());
            assertEquals(3_000, run.path("last_seq").asLong());
            assertEquals(2_700, run.path("snapshot_seq").asLong(), "the snapshot command at 90 %");
            assertEquals(300, run.path("replayed").asLong());
            assertEquals(0, run.path("warnings").asLong());
            assertEquals(3_001, run.path("raw_entries").asLong(), "the header and every entry");
        }
        assertTrue(r.path("orders").asLong() > 0 && r.path("orders").asLong() < 3_000 / 10);
        assertTrue(r.path("recovery_seconds").asDouble() > 0);
        assertTrue(r.path("raw_read_seconds").asDouble() > 0);
        assertFalse(r.path("target_met").asBoolean(), "3,000 entries are not the target's 10 M");
        assertEquals(before, leftovers(), "the journal is deleted");
        assertFalse(progress.isEmpty());
    }

    @Test
    void recoversInANewJvmAsARestartDoes() throws Exception
    {
        final JsonNode r = RecoverySuite.run(demo(), 2_000, 1, true, s -> { });

        assertTrue(r.path("verified").asBoolean(), r.toString());
        assertEquals(1_800, r.path("runs").get(0).path("snapshot_seq").asLong());
    }
}
