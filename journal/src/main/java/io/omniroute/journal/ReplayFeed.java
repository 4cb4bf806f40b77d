package io.omniroute.journal;

import io.omniroute.engine.Command;
import io.omniroute.engine.Engine;
import io.omniroute.engine.Network;
import org.agrona.ExpandableArrayBuffer;
import org.agrona.concurrent.BackoffIdleStrategy;
import org.agrona.concurrent.IdleStrategy;
import org.agrona.concurrent.OneToOneConcurrentArrayQueue;

import java.nio.charset.StandardCharsets;

/**
 * A journal's entries read, checked and decoded on a thread of their own, handed to the replaying thread in order.
 * <p>
 * Replay is the engine's work plus the journal's: reading each excerpt, checking its frame, decoding its command and
 * looking up its names cost about a third of a replayed entry, and none of it needs the engine's state. So a reader
 * thread does it ahead, into a ring of {@link #SLOTS} pre-allocated slots, while the replaying thread applies and
 * verifies; slots go back to the reader once used (two single-producer single-consumer queues, no allocation per
 * entry). The order of entries is the journal's and nothing about the decisions changes: the engine still sees one
 * command after another on one thread.
 * <p>
 * A {@link JournalException} met by the reader (damage in the middle, a gap in sequences, a command this build
 * cannot decode) is thrown by {@link #next()} at its place in the order, after every entry before it, as reading on
 * the replaying thread would. Both threads busy-wait briefly, then back off to sleeping: a replay is the only work
 * of the process while it runs (recovery runs before the gateway's threads start).
 * <p>
 * Given the replaying engine ({@link #prefetchFor}), the feed takes the entries waiting for it
 * {@link Engine#PREFETCH_AHEAD} at a time and has the engine read ahead for their order ids ({@link Engine#prefetch})
 * before handing out the first of them, as the pipeline's engine thread does with its ring.
 */
public final class ReplayFeed implements AutoCloseable
{
    /** Slots between the threads: deep enough to ride out a slow entry on either side. */
    static final int SLOTS = 1024;

    private static final int ENTRY = 0;
    private static final int END = 1;
    private static final int FAILED = 2;

    /**
     * One entry as the reader left it for the replaying thread.
     */
    public static final class Slot
    {
        private final Command command = new Command();
        private final ExpandableArrayBuffer result = new ExpandableArrayBuffer(512);
        private int resultLength;
        private long seq;
        private long index;
        private int kind;
        private Throwable failure;

        /**
         * @return the entry's command, decoded with its names looked up in the network.
         */
        public Command command()
        {
            return command;
        }

        public long seq()
        {
            return seq;
        }

        /**
         * @return the entry's Chronicle index.
         */
        public long index()
        {
            return index;
        }

        /**
         * @return whether the journaled result line equals {@code bytes[0, length)} byte for byte.
         */
        public boolean resultEquals(final byte[] bytes, final int length)
        {
            return length == resultLength && java.util.Arrays.equals(result.byteArray(), 0, length, bytes, 0, length);
        }

        /**
         * @return the journaled result line.
         */
        public String resultLine()
        {
            return new String(result.byteArray(), 0, resultLength, StandardCharsets.UTF_8);
        }
    }

    private final OneToOneConcurrentArrayQueue<Slot> filled = new OneToOneConcurrentArrayQueue<>(SLOTS);
    private final OneToOneConcurrentArrayQueue<Slot> free = new OneToOneConcurrentArrayQueue<>(SLOTS);
    private final IdleStrategy idle = newIdle();
    private final JournalReader reader;
    private final Thread thread;
    private volatile boolean closing;
    private Slot current;
    private boolean ended;
    /** Slots taken from {@link #filled} and not yet handed out: {@code [aheadNext, aheadCount)}. */
    private final Slot[] ahead = new Slot[Engine.PREFETCH_AHEAD];
    private int aheadNext;
    private int aheadCount;
    private Engine engine;
    private TornTail tornTail;

    /**
     * Starts reading from where the reader stands (after a {@link JournalReader#seek} and {@link JournalReader#next},
     * from the entry after). The reader belongs to the feed's thread until {@link #close()}, which hands it back.
     */
    public ReplayFeed(final JournalReader reader, final Network network)
    {
        this.reader = reader;
        for (int i = 0; i < SLOTS; i++)
        {
            free.offer(new Slot());
        }
        reader.handOver();
        thread = new Thread(() -> read(network), "omniroute-replay-reader");
        thread.setDaemon(true);
        thread.start();
    }

    private static IdleStrategy newIdle()
    {
        return new BackoffIdleStrategy(100, 10, 1_000, 100_000);
    }

    private void read(final Network network)
    {
        final IdleStrategy idle = newIdle();
        try
        {
            final CommandCodec codec = new CommandCodec().pinNames(network);
            while (!closing)
            {
                final Slot slot = claim(idle);
                if (slot == null)
                {
                    return;
                }
                if (!reader.next())
                {
                    slot.kind = END;
                    tornTail = reader.tornTail();   // published to the replaying thread with the slot
                    filled.offer(slot);
                    return;
                }
                final JournalEntry entry = reader.entry();
                slot.kind = ENTRY;
                slot.seq = entry.seq();
                slot.index = entry.index();
                entry.decodeCommand(codec, slot.command).resolveNames(network);
                final int length = entry.result().capacity();
                slot.result.checkLimit(length);
                entry.result().getBytes(0, slot.result.byteArray(), 0, length);
                slot.resultLength = length;
                filled.offer(slot);
            }
        }
        catch (final Throwable ex)   // whatever it is, the replaying thread hears of it in its place
        {
            fail(ex, idle);
        }
    }

    private void fail(final Throwable failure, final IdleStrategy idle)
    {
        final Slot slot = claim(idle);
        if (slot != null)
        {
            slot.kind = FAILED;
            slot.failure = failure;
            filled.offer(slot);
        }
    }

    private Slot claim(final IdleStrategy idle)
    {
        idle.reset();
        Slot slot;
        while ((slot = free.poll()) == null)
        {
            if (closing)
            {
                return null;
            }
            idle.idle();
        }
        return slot;
    }

    /**
     * Moves to the next entry; the slot of the previous one goes back to the reader.
     *
     * @return false at the journal's end ({@link #tornTail()} then says whether it was torn).
     * @throws JournalException where the journal is damaged, in its place in the order (and any other exception or
     * error of the reader thread, there too).
     */
    public boolean next()
    {
        if (current != null)
        {
            free.offer(current);
            current = null;
        }
        if (ended)
        {
            return false;
        }
        final Slot slot = aheadNext < aheadCount ? ahead[aheadNext++] : take();
        if (slot.kind == ENTRY)
        {
            current = slot;
            return true;
        }
        ended = true;
        if (slot.kind == FAILED)
        {
            if (slot.failure instanceof Error error)
            {
                throw error;
            }
            if (slot.failure instanceof RuntimeException runtime)
            {
                throw runtime;
            }
            throw new JournalException("journal: reading it failed: " + slot.failure, slot.failure);
        }
        return false;
    }

    /**
     * Reads ahead for this engine, the one the entries are applied to, from the next {@link #next()} on.
     *
     * @return this.
     */
    public ReplayFeed prefetchFor(final Engine engine)
    {
        this.engine = engine;
        return this;
    }

    /**
     * Waits for the next slot the reader filled and returns it; with an engine to read ahead for, it also takes the
     * entries waiting behind it (at most {@link Engine#PREFETCH_AHEAD} in all) and has the engine read ahead for them.
     */
    private Slot take()
    {
        idle.reset();
        Slot slot;
        while ((slot = filled.poll()) == null)
        {
            if (!thread.isAlive())
            {
                slot = filled.poll();   // what it handed over just before it ended, if anything
                if (slot == null)
                {
                    // it ended without a word (it could not even hand over its failure): never wait for it
                    ended = true;
                    throw new JournalException("journal: its reader thread stopped before the end");
                }
                break;
            }
            idle.idle();
        }
        if (engine == null || slot.kind != ENTRY)
        {
            return slot;
        }
        engine.expect(slot.command);
        aheadNext = 0;
        aheadCount = 0;
        Slot next;
        while (aheadCount < ahead.length - 1 && (next = filled.poll()) != null)
        {
            ahead[aheadCount++] = next;
            if (next.kind != ENTRY)
            {
                break; // the end, or a failure: handed out in its place
            }
            engine.expect(next.command);
        }
        engine.prefetch();
        return slot;
    }

    /**
     * @return the entry {@link #next()} moved to.
     */
    public Slot entry()
    {
        return current;
    }

    /**
     * @return the unusable excerpts that ended the journal, or null when it ended cleanly (valid once {@link #next()}
     * returned false).
     */
    public TornTail tornTail()
    {
        return tornTail;
    }

    /**
     * @return entries read ahead, waiting for the replaying thread (for tests).
     */
    int readAhead()
    {
        return filled.size() + aheadCount - aheadNext;
    }

    /**
     * Stops the reader thread (at once when the replay stopped early) and gives the reader back to the caller.
     */
    @Override
    public void close()
    {
        closing = true;
        boolean interrupted = false;
        while (thread.isAlive())
        {
            try
            {
                thread.join();
            }
            catch (final InterruptedException ex)
            {
                interrupted = true;
            }
        }
        reader.handOver();
        if (interrupted)
        {
            Thread.currentThread().interrupt();
        }
    }
}
