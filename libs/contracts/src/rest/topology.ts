// GET /v2/topology: the cluster as Camunda 8 clients expect to see it.
import { z } from 'zod';

export const brokerPartitionSchema = z.object({
  partitionId: z.number().int(),
  role: z.enum(['leader', 'follower', 'inactive']),
  health: z.enum(['healthy', 'unhealthy', 'dead']),
});

export const brokerInfoSchema = z.object({
  nodeId: z.number().int(),
  host: z.string(),
  port: z.number().int(),
  version: z.string(),
  partitions: z.array(brokerPartitionSchema),
});

export const topologyResponseSchema = z.object({
  brokers: z.array(brokerInfoSchema),
  clusterSize: z.number().int(),
  partitionsCount: z.number().int(),
  replicationFactor: z.number().int(),
  gatewayVersion: z.string(),
  /** The last cluster membership change applied; Baton's replicas make none (Zeebe answers -1 then). */
  lastCompletedChangeId: z.string(),
});
export type TopologyResponse = z.infer<typeof topologyResponseSchema>;
