package dev.interlock.audit;

/**
 * The result of checking the hash chain.
 *
 * @param ok          true when every link holds
 * @param rowsChecked rows checked
 * @param brokenAtId  the first row whose link fails (0 when ok, or when the tail anchor fails)
 * @param problem     what failed, in plain words (empty when ok)
 */
public record VerifyReport(boolean ok, long rowsChecked, long brokenAtId, String problem) {
}
