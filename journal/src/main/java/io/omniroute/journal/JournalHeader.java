package io.omniroute.journal;

/**
 * What a journal was written for: its first excerpt.
 *
 * @param createdEpochMs     when the journal was created.
 * @param networkFingerprint {@link NetworkFingerprint} of the network folder.
 * @param skuCount           SKUs of that network.
 * @param locationCount      locations of that network.
 * @param engineBodyVersion  the snapshot body version of the program that created it.
 * @param network            the network folder's path, for messages.
 * @param writer             program and version that created it.
 */
public record JournalHeader(long createdEpochMs, long networkFingerprint, int skuCount, int locationCount,
    int engineBodyVersion, String network, String writer)
{
}
