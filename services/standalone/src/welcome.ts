// The guide printed when the standalone starts: where the API is and what to try first.
import type { DeployResult } from '@baton/engine';

export interface WelcomeInfo {
  readonly port: number;
  /** Port of the socket gateway, which serves the web console. */
  readonly consolePort: number;
  readonly deployed: DeployResult | undefined;
  /** Which bus and store run underneath, as the engine describes them. */
  readonly infrastructure: string;
}

export function printWelcome({ port, consolePort, deployed, infrastructure }: WelcomeInfo): void {
  const address = `http://localhost:${port}`;
  const lines = [
    '',
    `Baton is running on ${infrastructure}.`,
    `  REST API   ${address}/v2   (OpenAPI: ${address}/v2/openapi.json)`,
    `  Console    http://localhost:${consolePort}/   (live instances, task list; socket protocol: docs/socket-protocol.md)`,
  ];
  if (deployed) {
    lines.push('  Deployed:');
    for (const process of deployed.processes) {
      lines.push(
        `    ${process.processDefinitionId} v${process.processDefinitionVersion}  (${process.resourceName})`,
      );
    }
  }
  lines.push(
    '',
    'Try it (in another terminal):',
    `  npx baton create instance order-process --variables '{"orderId":"1234","total":250}'`,
    '  npx baton activate jobs check-stock',
    `  curl -s ${address}/v2/process-instances/search -H 'content-type: application/json' -d '{}'`,
    '',
    'Stop with Ctrl+C.',
  );
  console.log(lines.join('\n'));
}
