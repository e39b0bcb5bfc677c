package dev.interlock.audit;

import java.time.Instant;

/** Actions in one time bucket, by final verdict (for the timeline chart). */
public record HistogramBucket(Instant start, long allowed, long asked, long denied) {
    public long total() {
        return allowed + asked + denied;
    }
}
