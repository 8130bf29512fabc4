package io.intrapoll.identity;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.bucket4j.Bucket;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class NodeShareBucketsTest {

    @Test
    void aNodeHoldsItsShareOfTheBudget() {
        NodeShareBuckets buckets = new NodeShareBuckets(() -> 3);
        Bucket bucket = buckets.bucket("vote:user:voter1", 60);
        for (int i = 0; i < 20; i++) {
            assertTrue(bucket.tryConsume(1), "request " + (i + 1) + " of the node's 20");
        }
        assertFalse(bucket.tryConsume(1), "the 21st within the minute is over this node's share");
    }

    @Test
    void aLoneNodeHoldsTheWholeBudgetAndEveryNodeAtLeastOne() {
        assertEquals(60, new NodeShareBuckets(() -> 1).bucket("k", 60).getAvailableTokens());
        assertEquals(1, new NodeShareBuckets(() -> 5).bucket("k", 2).getAvailableTokens());
    }

    @Test
    void theSameKeyKeepsItsBucketAndTheShareFollowsTheClusterForNewOnes() {
        AtomicInteger members = new AtomicInteger(1);
        NodeShareBuckets buckets = new NodeShareBuckets(members::get);
        Bucket first = buckets.bucket("a", 100);
        members.set(2);
        assertSame(first, buckets.bucket("a", 100), "a bucket is kept while it is in use");
        assertEquals(50, buckets.bucket("b", 100).getAvailableTokens(), "a new bucket gets the new share");
        assertEquals(2, buckets.size());
    }
}
