// The guide printed when the standalone starts: where the API is and what to try first.
import type { DeployResult } from '@baton/engine';

export function printWelcome({ port, deployed }: { port: number; deployed: DeployResult | undefined }): void {
  const address = `http://localhost:${port}`;
  const lines = [
    '',
    `Baton is running (embedded mode: in-memory bus and store).`,
    `  REST API   ${address}/v2   (OpenAPI: ${address}/v2/openapi.json)`,
  ];
  if (deployed) {
    lines.push('  Deployed:');
    for (const process of deployed.processes) {
      lines.push(`    ${process.processDefinitionId} v${process.processDefinitionVersion}  (${process.resourceName})`);
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
