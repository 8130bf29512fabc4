package io.intrapoll.admin;

import io.intrapoll.vote.PipelineStatus.Throughput;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * The platform at a glance, as the node that answers sees it.
 *
 * @param node this node's cluster member name
 * @param members the cluster's members (every node's caches)
 * @param queueDepth groups of accepted ballots waiting on the broker (-1: broker away)
 * @param queueConsumers aggregator sessions on the ballot queue, all nodes (null: the broker cannot tell)
 * @param aggregationLagMillis age of the oldest accepted ballot not yet counted (0: none waits)
 * @param counted ballots this node counted per 10 s over the last 10 minutes, oldest first
 * @param health UP or DOWN for the database, the broker and the cache
 */
@Schema(name = "Operations")
public record Operations(
        Instant asOf,
        String node,
        List<String> members,
        long queueDepth,
        Long queueConsumers,
        long aggregationLagMillis,
        List<Throughput> counted,
        Map<String, String> health) {}
