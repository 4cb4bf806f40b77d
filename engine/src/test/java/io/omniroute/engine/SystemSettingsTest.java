package io.omniroute.engine;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SystemSettingsTest
{
    private static final String A = "omniroute.test.settingA";
    private static final String B = "omniroute.test.settingB";

    @AfterEach
    void clear()
    {
        System.clearProperty(A);
        System.clearProperty(B);
    }

    @Test
    void shouldTakeTheDefaultWhenUnsetAndTheValueWhenGood()
    {
        final SystemSettings s = new SystemSettings();
        assertEquals(7, s.intValue(A, 7));
        assertTrue(s.flag(A, true));
        System.setProperty(A, " 42 ");
        assertEquals(42L, s.longValue(A, 7, 0, 100));
        System.setProperty(B, "FALSE");
        assertFalse(s.flag(B, true));
        assertNull(s.firstBad());
    }

    @Test
    void shouldNoteTheFirstBadValueInsteadOfSilentlyTakingTheDefault()
    {
        final SystemSettings s = new SystemSettings();
        System.setProperty(A, "2G");
        assertEquals(7, s.intValue(A, 7), "the default stands in until the settings are refused");
        System.setProperty(B, "yes");
        assertTrue(s.flag(B, true));
        assertEquals("-D" + A + "=2G: must be a whole number", s.firstBad(), "the first one is named");
    }

    @Test
    void shouldNameTheRange()
    {
        System.setProperty(A, "300");
        final SystemSettings s = new SystemSettings();
        assertEquals(5, s.longValue(A, 5, 0, 255));
        assertEquals("-D" + A + "=300: must be at least 0 and at most 255", s.firstBad());
        final SystemSettings atLeast = new SystemSettings();
        System.setProperty(A, "-1");
        atLeast.longValue(A, 5, 0, Long.MAX_VALUE);
        assertEquals("-D" + A + "=-1: must be at least 0", atLeast.firstBad());
        final SystemSettings notANumber = new SystemSettings();
        System.setProperty(A, "lots");
        notANumber.longValue(A, 5, 0, Long.MAX_VALUE);
        assertEquals("-D" + A + "=lots: must be a whole number, at least 0", notANumber.firstBad());
        final SystemSettings tooBigForAnInt = new SystemSettings();
        System.setProperty(A, "4294967296");
        assertEquals(9, tooBigForAnInt.intValue(A, 9));
        assertEquals("-D" + A + "=4294967296: must be at least -2147483648 and at most 2147483647",
            tooBigForAnInt.firstBad());
    }

    @Test
    void shouldRefuseAFlagThatIsNeitherTrueNorFalse()
    {
        System.setProperty(A, "1");
        final SystemSettings s = new SystemSettings();
        assertFalse(s.flag(A, false));
        assertEquals("-D" + A + "=1: must be true or false", s.firstBad());
    }
}
