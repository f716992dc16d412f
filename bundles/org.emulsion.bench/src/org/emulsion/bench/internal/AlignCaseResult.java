package org.emulsion.bench.internal;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One alignment case's outcome: its metrics in table order, or why it was skipped.
 *
 * @param skipped null when the case ran
 */
public record AlignCaseResult(String name, String description, String skipped, Map<String, Double> metrics, double seconds) {

    /** Column name → metric key, in table order. */
    public static final Map<String, String> COLUMNS = columns();

    private static Map<String, String> columns() {
        Map<String, String> c = new LinkedHashMap<>();
        c.put("frames", "scanFrames");
        c.put("temporal %", "temporalExactPercent");
        c.put("NONE %", "nonePercent");
        c.put("false %", "falseMatchPercent");
        c.put("sure wrong", "confidentlyWrong");
        c.put("no-ref", "framesWithoutCounterpart");
        c.put("rejected", "rejected");
        c.put("RMS glob", "rmsGlobalPx");
        c.put("RMS +DIS", "rmsLocalPx");
        c.put("ms glob", "msGlobalMedian");
        c.put("ms +DIS", "msLocalMedian");
        return c;
    }
}
