package io.omniroute.engine;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;

class ServiceTest
{
    @Test
    void shouldParseExactlyTheThreeServiceNames()
    {
        for (final Service s : Service.values())
        {
            assertSame(s, Service.parse(s.name()));
            assertSame(s, Service.parse(new StringBuilder(s.name())));
        }
        for (final String bad : new String[] { "", "standard", "STANDARX", "SAME_DAX", "EXPEDITEX", "XTANDARD",
            "SAME-DAY", "OVERNIGHT", "STANDARD ", "S" })
        {
            assertNull(Service.parse(bad), bad);
        }
        assertNull(Service.parse(null));
    }
}
