package org.emulsion.pipeline.report.internal;

import java.math.BigDecimal;
import java.math.MathContext;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Locale;

/**
 * Numbers as the report's readers want them: counts as integers, times in minutes, ΔE2000 to two
 * decimals, and a dash where a figure does not apply (a NaN in the run, written as {@code null} in
 * {@code report.json}); never a raw float or an exponent.
 */
public final class Figures {
    /** What a figure that does not apply reads as. */
    public static final String NONE = "—";
    private static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("d MMMM yyyy, HH:mm 'UTC'", Locale.UK)
            .withZone(ZoneOffset.UTC);

    private Figures() {
    }

    /** A count: an integer with thousands separators. */
    public static String count(double n) {
        return Double.isFinite(n) ? String.format(Locale.UK, "%,d", Math.round(n)) : NONE;
    }

    /** A colour difference in CIEDE2000 units, to two decimals. */
    public static String deltaE(double d) {
        return fixed(d, 2);
    }

    /** An alignment confidence (0–1), to two decimals. */
    public static String confidence(double c) {
        return fixed(c, 2);
    }

    /** A duration given in seconds, in minutes. */
    public static String minutes(double seconds) {
        if (!Double.isFinite(seconds)) {
            return NONE;
        }
        double minutes = seconds / 60;
        return (minutes < 10 ? fixed(minutes, 1) : count(minutes)) + " min";
    }

    /** A fraction (0–1) as a percentage. */
    public static String percent(double fraction) {
        return Double.isFinite(fraction) ? fixed(100 * fraction, fraction < 0.1 ? 1 : 0) + " %" : NONE;
    }

    /** A percentage given as such (0–100). */
    public static String percentValue(double percent) {
        return Double.isFinite(percent) ? percent(percent / 100) : NONE;
    }

    /** A peak signal-to-noise ratio in decibels. */
    public static String decibels(double db) {
        return Double.isFinite(db) ? fixed(db, 1) + " dB" : NONE;
    }

    /** A structural similarity (0–1), to three decimals. */
    public static String ssim(double s) {
        return fixed(s, 3);
    }

    /** A number of unknown kind: an integer when it is one, else four significant digits, never an exponent. */
    public static String plain(double v) {
        if (!Double.isFinite(v)) {
            return NONE;
        }
        if (v == Math.rint(v) && Math.abs(v) < 1e15) {
            return count(v);
        }
        return new BigDecimal(v).round(new MathContext(4)).stripTrailingZeros().toPlainString();
    }

    /** {@code d} with {@code decimals} decimals. */
    public static String fixed(double d, int decimals) {
        return Double.isFinite(d) ? String.format(Locale.ROOT, "%." + decimals + "f", d) : NONE;
    }

    /** An ISO-8601 instant as a date and time for people; the text itself when it is not one. */
    public static String date(String instant) {
        try {
            return DATE.format(Instant.parse(instant));
        } catch (DateTimeParseException e) {
            return instant;
        }
    }

    /** "1 frame", "2 frames". */
    public static String of(double n, String singular, String plural) {
        return count(n) + " " + (Math.round(n) == 1 ? singular : plural);
    }

    /** A camelCase key as words: {@code deltaE2000Result} → "delta E2000 result". */
    public static String words(String key) {
        return key.replaceAll("([a-z])([A-Z])", "$1 $2").toLowerCase(Locale.ROOT);
    }
}
