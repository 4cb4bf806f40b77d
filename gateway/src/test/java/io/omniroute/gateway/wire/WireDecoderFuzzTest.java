package io.omniroute.gateway.wire;

import com.code_intelligence.jazzer.junit.FuzzTest;

/**
 * Coverage-guided fuzzing of the gateway's inbound path (framing, structure checks, decoding into engine commands)
 * with Jazzer. CI runs it in fuzzing mode for a bounded time ({@code JAZZER_FUZZ=1}, {@code jazzer.max_duration}
 * set by the gateway's pom: 20 s, or 10 min with {@code -Pslow}); without {@code JAZZER_FUZZ} it replays the seeds
 * in {@code WireDecoderFuzzTestInputs}. No input may throw or hang.
 */
class WireDecoderFuzzTest
{
    private final WireInput input = new WireInput();

    @FuzzTest(maxDuration = "20s")
    void shouldDecodeOrCleanlyRejectAnyByteStream(final byte[] data)
    {
        input.process(data);
    }
}
