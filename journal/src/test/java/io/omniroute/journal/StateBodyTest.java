package io.omniroute.journal;

import io.omniroute.engine.Engine;
import io.omniroute.engine.EngineSnapshot;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.channels.Channels;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.SplittableRandom;
import java.util.zip.CRC32C;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A snapshot's copy of the state is held in chunks (one array holds at most 2 GiB; the state of a network of 100 M
 * stock positions is 2.4 GB). Chunks of a few bytes stand in for 256 MiB ones here: whatever the chunking, the
 * length, checksum, state hash, file and bytes read back are those of one flat array.
 */
class StateBodyTest
{
    @TempDir
    Path tmp;

    @Test
    void chunksGiveTheSameBytesChecksumAndHashAsOneArray() throws IOException
    {
        final SplittableRandom rnd = new SplittableRandom(5);
        final byte[] flat = new byte[10_007];
        rnd.nextBytes(flat);
        final StateBody body = new StateBody(0, 7);
        int at = 0;
        while (at < flat.length)
        {
            if (rnd.nextInt(4) == 0)
            {
                body.write(flat[at++]);
            }
            else
            {
                final int n = Math.min(flat.length - at, rnd.nextInt(40));
                body.write(flat, at, n);
                at += n;
            }
        }
        assertEquals(flat.length, body.length());
        assertTrue(body.chunkCount() > 1000, "chunks of at most 7 bytes: " + body.chunkCount());
        final CRC32C crc = new CRC32C();
        crc.update(flat);
        assertEquals((int)crc.getValue(), body.crc32c());
        assertEquals(EngineSnapshot.hash(flat), body.stateHash());
        assertArrayEquals(flat, body.newInputStream().readAllBytes());
        final ByteArrayOutputStream written = new ByteArrayOutputStream();
        body.writeTo(Channels.newChannel(written));
        assertArrayEquals(flat, written.toByteArray());

        // sized from an exact hint, the bytes take one chunk (no growing, no trimming copy)
        final StateBody sized = new StateBody(flat.length);
        sized.write(flat, 0, flat.length);
        assertEquals(1, sized.chunkCount());
        assertEquals(body.stateHash(), sized.stateHash());
    }

    @Test
    void aSnapshotWrittenFromChunksOfAPagedStoreIsReadBackWithEveryCheck() throws Exception
    {
        final TestNetwork net = TestNetwork.writeTo(tmp.resolve("network"));
        final DirectRun run;
        System.setProperty("omniroute.stock.page.bits", "2");   // pages of 4 positions: many of them
        try
        {
            run = new DirectRun(net.network);
        }
        finally
        {
            System.clearProperty("omniroute.stock.page.bits");
        }
        run.applyAll(new RandomCommands(17, false).take(600));
        final Engine engine = run.engine();
        final StateBody body = new StateBody(0, 1_000);
        EngineSnapshot.write(engine, body);
        assertTrue(body.chunkCount() > 1, "chunks: " + body.chunkCount());
        assertArrayEquals(EngineSnapshot.toBytes(engine), body.newInputStream().readAllBytes());

        final SnapshotStore store = new SnapshotStore(tmp.resolve("snapshots"), 2, 0);
        final Path file = store.write(engine.lastSeq(), 0, net.fingerprint, 0, body);
        assertEquals(SnapshotFile.HEADER_LENGTH + body.length(), Files.size(file));
        final SnapshotStore.Loaded loaded = SnapshotStore.read(file, net.network, net.fingerprint);
        assertEquals(run.stateHash(), EngineSnapshot.stateHash(loaded.engine()));
        assertEquals(body.stateHash(), loaded.header().stateHash());
        assertEquals(engine.lastSeq(), loaded.engine().lastSeq());

        // the streamed read still finds a damaged body before decoding it
        final byte[] bytes = Files.readAllBytes(file);
        bytes[bytes.length / 2] ^= 1;
        final Path damaged = tmp.resolve("snapshots").resolve(SnapshotStore.fileName(engine.lastSeq() + 1));
        Files.write(damaged, Arrays.copyOf(bytes, bytes.length));
        final JournalException ex = org.junit.jupiter.api.Assertions.assertThrows(JournalException.class,
            () -> SnapshotStore.read(damaged, net.network, net.fingerprint));
        assertTrue(ex.getMessage().contains("body checksum mismatch"), ex.getMessage());
    }

    private static long directMemoryUsed()
    {
        for (final java.lang.management.BufferPoolMXBean b :
            java.lang.management.ManagementFactory.getPlatformMXBeans(java.lang.management.BufferPoolMXBean.class))
        {
            if (b.getName().equals("direct"))
            {
                return b.getMemoryUsed();
            }
        }
        throw new IllegalStateException("no direct buffer pool");
    }

    /**
     * A heap buffer handed to a file channel is copied into a temporary direct buffer of its size, which the writing
     * thread keeps: a 256 MiB chunk written whole would take 256 MiB of the direct memory the stock and books use
     * (found by the session 8 review). Written a MiB at a time, it takes a MiB.
     */
    @Test
    void writingABodyTakesNoMoreThanAMiBOfDirectMemory() throws Exception
    {
        final int size = 64 << 20;
        final StateBody body = new StateBody(size);
        body.write(new byte[size], 0, size);
        final long before = directMemoryUsed();
        final long[] after = new long[1];
        final Thread writer = new Thread(() ->
        {
            try (java.nio.channels.FileChannel ch = java.nio.channels.FileChannel.open(tmp.resolve("body"),
                java.nio.file.StandardOpenOption.CREATE, java.nio.file.StandardOpenOption.WRITE))
            {
                body.writeTo(ch);
                after[0] = directMemoryUsed();   // the writer thread lives on, as the snapshot writer's does
            }
            catch (final IOException ex)
            {
                throw new java.io.UncheckedIOException(ex);
            }
        });
        writer.start();
        writer.join();
        assertEquals(size, Files.size(tmp.resolve("body")));
        assertTrue(after[0] - before < (8 << 20), "direct memory grew by " + ((after[0] - before) >> 20) + " MiB");
    }

    @Test
    void aBodyOverACallersArrayIsReadOnly()
    {
        final StateBody wrapped = StateBody.wrap(new byte[16], 8);
        org.junit.jupiter.api.Assertions.assertThrows(IllegalStateException.class, () -> wrapped.write(1));
        assertEquals(8, wrapped.length());
    }
}
