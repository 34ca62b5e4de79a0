// The gateway's own series, read from its counters at each scrape: sockets connected, instance
// updates pushed, and slow clients that had to be resynchronised.
import { Counter, Gauge, type Registry } from 'prom-client';
import type { GatewayStats } from './gateway';

export function registerGatewayMetrics(registry: Registry, stats: () => GatewayStats): void {
  new Gauge({
    name: 'baton_gateway_socket_clients',
    help: 'Socket clients connected to this replica.',
    registers: [registry],
    collect() {
      this.set(stats().connectedClients);
    },
  });
  let updatesCounted = 0;
  new Counter({
    name: 'baton_gateway_updates_received_total',
    help: 'Instance updates this replica read from the bus and handed to the clients following them.',
    registers: [registry],
    collect() {
      const { updatesReceived } = stats();
      this.inc(updatesReceived - updatesCounted);
      updatesCounted = updatesReceived;
    },
  });
  let overflowsCounted = 0;
  new Counter({
    name: 'baton_gateway_slow_client_overflows_total',
    help: 'Times a client did not keep up: its queue was dropped and it got a resync.',
    registers: [registry],
    collect() {
      const { slowClientOverflows } = stats();
      this.inc(slowClientOverflows - overflowsCounted);
      overflowsCounted = slowClientOverflows;
    },
  });
}
