package io.omniroute.gateway.server;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class GatewayConfigTest
{
    /**
     * A gateway setting given as a system property that is not a whole number (or not true or false) is refused by
     * name: it used to fall back to the default without a word.
     */
    @Test
    void shouldRefuseABadSettingByName()
    {
        final String[][] cases = {
            { "omniroute.gateway.heartbeatMs", "5s", "gateway setting -Domniroute.gateway.heartbeatMs=5s: must be a " +
                "whole number" },
            { "omniroute.gateway.noEpoll", "on", "gateway setting -Domniroute.gateway.noEpoll=on: must be true or " +
                "false" } };
        for (final String[] c : cases)
        {
            System.setProperty(c[0], c[1]);
            try
            {
                final GatewayConfig config = new GatewayConfig();
                assertEquals(c[2], assertThrows(IllegalArgumentException.class, config::conclude).getMessage());
            }
            finally
            {
                System.clearProperty(c[0]);
            }
        }
        new GatewayConfig().conclude(); // and without them, the defaults stand
    }
}
