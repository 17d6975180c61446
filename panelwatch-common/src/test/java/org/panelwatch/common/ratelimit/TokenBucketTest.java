package org.panelwatch.common.ratelimit;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class TokenBucketTest {

    private static final long SECOND = 1_000_000_000L;

    @Test
    void aBurstGoesThroughThenTheNextWaitsForOneToken() {
        TokenBucket bucket = new TokenBucket(3, 2, 0);
        assertThat(bucket.take(0)).isZero();
        assertThat(bucket.take(0)).isZero();
        assertThat(bucket.take(0)).isZero();
        // Two a second: one token is back after half a second.
        assertThat(bucket.take(0)).isEqualTo(SECOND / 2);
        assertThat(bucket.take(SECOND / 4)).isEqualTo(SECOND / 4);
        assertThat(bucket.take(SECOND / 2)).isZero();
        assertThat(bucket.take(SECOND / 2)).isPositive();
    }

    @Test
    void refillingStopsAtTheBurstSoAnIdleKeySavesNoMore() {
        TokenBucket bucket = new TokenBucket(2, 10, 0);
        assertThat(bucket.isFull(0)).isTrue();
        bucket.take(0);
        assertThat(bucket.isFull(0)).isFalse();
        assertThat(bucket.isFull(SECOND)).isTrue();
        long later = 3600 * SECOND;
        assertThat(bucket.take(later)).isZero();
        assertThat(bucket.take(later)).isZero();
        assertThat(bucket.take(later)).isPositive();
    }
}
