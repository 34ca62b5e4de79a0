// The cluster as a Camunda 8 client sees it (GET /v2/topology): one gateway, every partition led.
import type { Topology } from '../engine-service';

const gatewayVersion = '8.8.0';

export function topologyOf(partitionsCount: number): Topology {
  return {
    clusterSize: 1,
    partitionsCount,
    replicationFactor: 1,
    gatewayVersion,
    brokers: [
      {
        nodeId: 0,
        host: 'localhost',
        port: 26501,
        version: gatewayVersion,
        partitions: Array.from({ length: partitionsCount }, (_, index) => ({
          partitionId: index + 1,
          role: 'leader',
          health: 'healthy',
        })),
      },
    ],
  };
}
