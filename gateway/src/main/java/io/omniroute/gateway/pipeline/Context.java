package io.omniroute.gateway.pipeline;

import io.omniroute.engine.Network;
import io.omniroute.engine.PageReserve;
import io.omniroute.engine.SystemSettings;
import io.omniroute.gateway.metrics.DecisionLatency;
import io.omniroute.journal.Durability;
import io.omniroute.journal.Journal;
import io.omniroute.journal.JournaledEngine;
import io.omniroute.journal.NetworkFingerprint;
import io.omniroute.journal.Recovery;
import org.agrona.concurrent.EpochNanoClock;
import org.agrona.concurrent.SystemEpochNanoClock;

import java.nio.file.Path;
import java.util.function.Consumer;

/**
 * Settings of a {@link Pipeline}, with defaults from system properties; {@link #conclude()} validates them and
 * fills in what follows (the network's fingerprint).
 * <table>
 *   <caption>system properties</caption>
 *   <tr><td>omniroute.pipeline.ringSize</td><td>slots in the ring, a power of two (1024)</td></tr>
 *   <tr><td>omniroute.pipeline.idle</td><td>idle strategy of both threads: {@value IdleStrategies#NAMES} (backoff)</td></tr>
 *   <tr><td>omniroute.pipeline.durability</td><td>async or sync (async)</td></tr>
 *   <tr><td>omniroute.pipeline.snapshotInterval</td><td>commands between snapshots, 0 = only on command (1000000)</td></tr>
 *   <tr><td>omniroute.pipeline.maxBatch</td><td>most commands between two journal flushes (256)</td></tr>
 *   <tr><td>omniroute.pipeline.publisherDecodes</td><td>the publisher decodes each command into its slot, so the
 *   engine thread only applies it (true); false leaves the decoding to the engine thread, for a producer busier than
 *   the engine</td></tr>
 *   <tr><td>omniroute.pipeline.prefetch</td><td>the engine thread reads the order-id index slots of the next
 *   commands in the ring at once before applying them (true; only when the publisher decodes, as it reads the
 *   decoded commands); false reads each as its command is applied. Replay and recovery always read ahead</td></tr>
 *   <tr><td>omniroute.pipeline.sparePages</td><td>order- and hold-book pages a sleeping thread keeps zeroed ahead
 *   of the engine thread's need, per page size; 0 leaves the engine thread to allocate them (4)</td></tr>
 * </table>
 */
public final class Context
{
    /** Reads the defaults below from system properties; a bad one is refused by {@link #conclude()}. */
    private final SystemSettings settings = new SystemSettings();
    private int ringSize = settings.intValue("omniroute.pipeline.ringSize", 1024);
    private String idleStrategy = System.getProperty("omniroute.pipeline.idle", "backoff");
    private Durability durability = Durability.parse(System.getProperty("omniroute.pipeline.durability", "async"));
    private long snapshotInterval = settings.longValue("omniroute.pipeline.snapshotInterval", 1_000_000L);
    private int maxBatch = settings.intValue("omniroute.pipeline.maxBatch", 256);
    private boolean publisherDecodes = settings.flag("omniroute.pipeline.publisherDecodes", true);
    private boolean prefetch = settings.flag("omniroute.pipeline.prefetch", true);
    private int sparePages = settings.intValue(PageReserve.SPARE_PAGES_SETTING, PageReserve.DEFAULT_SPARE_PAGES, 0,
        PageReserve.MAX_SPARE_PAGES);
    private boolean snapshotOnClose = true;
    private int keepSnapshots = Recovery.DEFAULT_KEEP_SNAPSHOTS;
    private Path journalDir;
    private Path networkDir;
    private Network network;
    private long networkFingerprint;
    private boolean fingerprintSet;
    private JournaledEngine.EventsListener eventsListener;
    private boolean eventsPerCommand;
    private EngineThreadListener engineThreadListener;
    private DecisionLatency decisionLatency;
    private Consumer<String> warnings = w -> System.err.println("omniroute: " + w);
    private EpochNanoClock clock = new SystemEpochNanoClock();
    private long closeTimeoutNs = 60_000_000_000L;

    /**
     * Told each result on the engine thread, while the engine's state is the one the decision was made in, and told
     * at the end of each batch that everything so far is durable. For drivers that fan results out themselves (the
     * TCP gateway); the {@link ResultAdapter} is the usual way back.
     */
    public interface EngineThreadListener
    {
        void onResult(CommandSlot slot, io.omniroute.engine.Decision decision);

        void onDurable(long seq);

        /**
         * The command in {@code slot} could not be applied or journaled; the engine thread stops after this.
         */
        default void onFailure(CommandSlot slot, Throwable failure)
        {
        }
    }

    public Context ringSize(final int ringSize)
    {
        this.ringSize = ringSize;
        return this;
    }

    public int ringSize()
    {
        return ringSize;
    }

    public Context idleStrategy(final String name)
    {
        this.idleStrategy = name;
        return this;
    }

    public String idleStrategy()
    {
        return idleStrategy;
    }

    public Context durability(final Durability durability)
    {
        this.durability = durability;
        return this;
    }

    public Durability durability()
    {
        return durability;
    }

    /**
     * @param commands commands between periodic snapshots; 0 = only on {@code snapshot} commands (and at close).
     */
    public Context snapshotInterval(final long commands)
    {
        this.snapshotInterval = commands;
        return this;
    }

    public long snapshotInterval()
    {
        return snapshotInterval;
    }

    public Context maxBatch(final int maxBatch)
    {
        this.maxBatch = maxBatch;
        return this;
    }

    public int maxBatch()
    {
        return maxBatch;
    }

    /**
     * @param publisherDecodes whether the publisher decodes each command into its slot on its own thread (the engine
     *                         thread then only applies it), or leaves that to the engine thread.
     */
    public Context publisherDecodes(final boolean publisherDecodes)
    {
        this.publisherDecodes = publisherDecodes;
        return this;
    }

    public boolean publisherDecodes()
    {
        return publisherDecodes;
    }

    /**
     * @param prefetch whether the engine thread reads ahead in the ring for the order-id index ({@link
     *                 io.omniroute.engine.Engine#prefetch}); decisions are the same either way.
     * @return this.
     */
    public Context prefetch(final boolean prefetch)
    {
        this.prefetch = prefetch;
        return this;
    }

    public boolean prefetch()
    {
        return prefetch;
    }

    /**
     * @param sparePages pages of each book page size kept zeroed ahead by the page thread ({@link PageReserve}); 0:
     *                   no page thread, the engine thread allocates its books' pages. Decisions are the same.
     * @return this.
     */
    public Context sparePages(final int sparePages)
    {
        this.sparePages = sparePages;
        return this;
    }

    public int sparePages()
    {
        return sparePages;
    }

    public Context snapshotOnClose(final boolean snapshotOnClose)
    {
        this.snapshotOnClose = snapshotOnClose;
        return this;
    }

    public boolean snapshotOnClose()
    {
        return snapshotOnClose;
    }

    public Context keepSnapshots(final int keep)
    {
        this.keepSnapshots = keep;
        return this;
    }

    public int keepSnapshots()
    {
        return keepSnapshots;
    }

    public Context journalDir(final Path dir)
    {
        this.journalDir = dir;
        return this;
    }

    public Path journalDir()
    {
        return journalDir;
    }

    /**
     * The network and the folder it was loaded from (fingerprinted for the journal).
     */
    public Context network(final Network network, final Path dir)
    {
        this.network = network;
        this.networkDir = dir;
        return this;
    }

    public Network network()
    {
        return network;
    }

    public Path networkDir()
    {
        return networkDir;
    }

    /**
     * Sets the fingerprint instead of computing it from the network folder.
     */
    public Context networkFingerprint(final long fingerprint)
    {
        this.networkFingerprint = fingerprint;
        this.fingerprintSet = true;
        return this;
    }

    public long networkFingerprint()
    {
        return networkFingerprint;
    }

    /**
     * Availability and reorder events, on the engine thread; null = not computed.
     */
    public Context eventsListener(final JournaledEngine.EventsListener listener, final boolean perCommand)
    {
        this.eventsListener = listener;
        this.eventsPerCommand = perCommand;
        return this;
    }

    public JournaledEngine.EventsListener eventsListener()
    {
        return eventsListener;
    }

    public boolean eventsPerCommand()
    {
        return eventsPerCommand;
    }

    public Context engineThreadListener(final EngineThreadListener listener)
    {
        this.engineThreadListener = listener;
        return this;
    }

    public EngineThreadListener engineThreadListener()
    {
        return engineThreadListener;
    }

    /**
     * Where the engine thread records its time per command (apply, result line and journal append), for the metrics
     * endpoint; null (the default) times nothing.
     */
    public Context decisionLatency(final DecisionLatency latency)
    {
        this.decisionLatency = latency;
        return this;
    }

    public DecisionLatency decisionLatency()
    {
        return decisionLatency;
    }

    public Context warnings(final Consumer<String> warnings)
    {
        this.warnings = warnings;
        return this;
    }

    public Consumer<String> warnings()
    {
        return warnings;
    }

    public Context clock(final EpochNanoClock clock)
    {
        this.clock = clock;
        return this;
    }

    public EpochNanoClock clock()
    {
        return clock;
    }

    public Context closeTimeoutNs(final long timeoutNs)
    {
        this.closeTimeoutNs = timeoutNs;
        return this;
    }

    public long closeTimeoutNs()
    {
        return closeTimeoutNs;
    }

    /**
     * @return the settings of the journal this pipeline writes.
     */
    public Journal.Context journalContext()
    {
        final String name = networkDir == null ? "" : networkDir.toString();
        return new Journal.Context().dir(journalDir).durability(durability)
            .network(networkFingerprint, network.skuCount(), network.locationCount(), name);
    }

    /**
     * Validates the settings and computes the network fingerprint.
     *
     * @throws IllegalArgumentException naming the setting that is wrong.
     */
    public Context conclude()
    {
        if (settings.firstBad() != null)
        {
            throw new IllegalArgumentException("pipeline setting " + settings.firstBad());
        }
        if (ringSize < 2 || Integer.bitCount(ringSize) != 1)
        {
            throw new IllegalArgumentException("ring size must be a power of two, at least 2: " + ringSize);
        }
        if (IdleStrategies.named(idleStrategy) == null)
        {
            throw new IllegalArgumentException("idle strategy '" + idleStrategy + "': use one of " +
                IdleStrategies.NAMES);
        }
        if (durability == null)
        {
            throw new IllegalArgumentException("durability must be async or sync");
        }
        PageReserve.checkSparePages(sparePages);
        if (snapshotInterval < 0 || maxBatch < 1 || keepSnapshots < 1)
        {
            throw new IllegalArgumentException("snapshot interval must be >= 0, max batch and kept snapshots >= 1");
        }
        if (journalDir == null)
        {
            throw new IllegalArgumentException("journal dir not set");
        }
        if (network == null)
        {
            throw new IllegalArgumentException("network not set");
        }
        if (!fingerprintSet)
        {
            if (networkDir == null)
            {
                throw new IllegalArgumentException("network folder or fingerprint not set");
            }
            networkFingerprint = NetworkFingerprint.of(networkDir);
            fingerprintSet = true;
        }
        return this;
    }
}
