// Which MongoDB-wire server the stores talk to, from its buildInfo answer: the statement shapes
// that are cheap differ (see id-lookups.ts and chunked-bulk-write.ts).
import type { Db } from 'mongodb';

export interface ServerKind {
  /** FerretDB (it answers buildInfo with `ferretdbVersion`), rather than MongoDB. */
  readonly ferretDb: boolean;
  /**
   * FerretDB built with Baton's patch (infra/ferretdb/grouped-updates.patch): it writes an update
   * command's documents in one transaction and holds no connection per statement until the
   * command ends, so an update command may carry many statements. Stock FerretDB 1.24 commits
   * every document on its own and never answers an update command of 100 matching statements.
   */
  readonly groupedUpdates: boolean;
}

export async function detectServerKind(db: Db): Promise<ServerKind> {
  const buildInfo = await db.admin().command({ buildInfo: 1 });
  const features = buildInfo['ferretdbFeatures'] as { batonGroupedUpdates?: unknown } | undefined;
  return {
    ferretDb: typeof buildInfo['ferretdbVersion'] === 'string',
    groupedUpdates: features?.batonGroupedUpdates === true,
  };
}

/**
 * Most statements per update command: unlimited on MongoDB; on FerretDB few enough that the
 * commands in flight together stay well below its 100 connections per database.
 */
export function defaultMaxStatementsPerCommand(server: ServerKind): number {
  if (!server.ferretDb) return Number.POSITIVE_INFINITY;
  return server.groupedUpdates ? 100 : 10;
}
