package dev.interlock.secrets;

/**
 * A credential found in some text.
 *
 * @param detector    which detector found it
 * @param line        1-based line number
 * @param start       char offset of the secret in the text
 * @param end         end offset
 * @param masked      a form safe to show and store ({@code ghp_…Xy12})
 * @param fingerprint keyed hash of the secret (never the secret itself)
 */
public record Finding(Detector detector, int line, int start, int end, String masked, String fingerprint) {
}
