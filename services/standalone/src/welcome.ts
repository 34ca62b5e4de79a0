// The guide printed when the standalone starts: where the API is and what to try first.
import type { DeployResult } from '@baton/engine';
import type { DevelopmentTokens } from '@baton/platform';

export interface WelcomeInfo {
  readonly port: number;
  /** Port of the socket gateway, which serves the web console. */
  readonly consolePort: number;
  readonly deployed: DeployResult | undefined;
  /** Which bus and store run underneath, as the engine describes them. */
  readonly infrastructure: string;
  /** Authentication: the development tokens to print, if any. */
  readonly auth?: {
    readonly mode: 'jwt' | 'none';
    readonly tokens: DevelopmentTokens | undefined;
    readonly generatedSecret: boolean;
  };
}

export function printWelcome({ port, consolePort, deployed, infrastructure, auth }: WelcomeInfo): void {
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
  const tokens = auth?.tokens;
  if (auth?.mode === 'none') {
    lines.push('', '  WARNING: AUTH_MODE=none — authentication is OFF.');
  } else if (tokens) {
    lines.push(
      '',
      auth?.generatedSecret
        ? 'Development tokens (random secret for this run only; set AUTH_JWT_SECRET to keep them; valid 12 h):'
        : 'Development tokens (signed with AUTH_JWT_SECRET; valid 12 h):',
      `  operator (baton-operator: deploy, cancel, everything)  ${tokens.operator}`,
      `  worker   (baton-worker: jobs, user tasks, messages)    ${tokens.worker}`,
      `  starter  (role "starter": starts definitions naming it, or none) ${tokens.starter}`,
      '  Console: paste a token at the login. CLI: --token or BATON_TOKEN. curl: -H "Authorization: Bearer <token>".',
    );
  } else {
    lines.push(
      '',
      '  Authentication: tokens from your identity provider (AUTH_OIDC_ISSUER or AUTH_JWKS_URL); with AUTH_OIDC_ISSUER the console signs in there.',
    );
  }
  const exportToken = tokens ? [`  export BATON_TOKEN=${tokens.operator}`] : [];
  const curlAuth = tokens ? ` -H "Authorization: Bearer $BATON_TOKEN"` : '';
  lines.push(
    '',
    'Try it (in another terminal):',
    ...exportToken,
    `  npx baton create instance order-process --variables '{"orderId":"1234","total":250}'`,
    '  npx baton activate jobs check-stock',
    `  curl -s ${address}/v2/process-instances/search${curlAuth} -H 'content-type: application/json' -d '{}'`,
    '',
    'Stop with Ctrl+C.',
  );
  console.log(lines.join('\n'));
}
