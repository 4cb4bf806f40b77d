package io.omniroute.journal;

/**
 * The unusable end of a journal, with nothing valid after it: either excerpts that fail their checks (corrupted on
 * disk, or a write torn by power loss), which recovery cuts ({@link Journal#cutTail}); or one write that a crashed
 * process left incomplete, which Chronicle itself never shows and overwrites with the next append. Read-only tools
 * skip both with a warning.
 *
 * @param firstBadIndex   Chronicle index of the first unusable excerpt.
 * @param badExcerpts     how many excerpts are unusable.
 * @param lastGoodSeq     the sequence of the last valid entry before them (0 when none).
 * @param why             what was wrong with the first one.
 * @param incompleteWrite true for an incomplete write (erased, nothing to cut), false for excerpts to cut.
 * @param region          where the incomplete write lies, else null.
 */
public record TornTail(long firstBadIndex, int badExcerpts, long lastGoodSeq, String why, boolean incompleteWrite,
    IncompleteWrite.Region region)
{
    public String describe()
    {
        if (incompleteWrite)
        {
            return "an incomplete write of " + region.length() + " bytes after seq " + lastGoodSeq + " (" + why + ")";
        }
        return badExcerpts + " unusable excerpt" + (badExcerpts == 1 ? "" : "s") + " after seq " + lastGoodSeq +
            " (" + why + ")";
    }
}
