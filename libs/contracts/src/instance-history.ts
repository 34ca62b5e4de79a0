// Instance history (issue 17): what each applied command changed, as the instance event carries it
// (`change`), and the history entries kept from those events and answered by
// `GET /v2/process-instances/{processInstanceKey}/history`. Entries stay small: variables as a diff
// of the names that changed, each value cut to HISTORY_VALUE_LIMIT characters of JSON.
import { z } from 'zod';
import { dateTimeSchema } from './rest/common';
import { keySchema } from './json';
import { processInstanceStateSchema, tokenStateSchema } from './rest/process-instances';

/** Longest JSON text of a variable value a history entry keeps; a longer one is cut and marked. */
export const HISTORY_VALUE_LIMIT = 1000;
/** Most variable changes one history entry keeps; the rest are counted in `variablesOmitted`. */
export const HISTORY_VARIABLES_LIMIT = 100;

/**
 * One variable set (or changed) by a command. `before` is absent when the variable did not exist
 * in that scope; a value longer than HISTORY_VALUE_LIMIT characters of JSON is replaced by the
 * first HISTORY_VALUE_LIMIT characters of its JSON text, and `beforeTruncated` / `afterTruncated`
 * say so.
 */
export const variableChangeSchema = z.object({
  /** The scope: the processInstanceKey for the root, else the element instance holding it. */
  scopeKey: keySchema,
  name: z.string(),
  before: z.unknown().optional(),
  after: z.unknown().optional(),
  beforeTruncated: z.literal(true).optional(),
  afterTruncated: z.literal(true).optional(),
});
export type VariableChange = z.infer<typeof variableChangeSchema>;

/** What one applied command was and changed in variables: engine-core adds it to the instance event. */
export const instanceChangeSchema = z.object({
  /** The command type applied (CREATE_INSTANCE, COMPLETE_JOB, SUSPEND_INSTANCE, …). */
  command: z.string(),
  /** Who sent it: the bearer token's subject of the REST caller (absent for the engine's own commands). */
  actor: z.string().optional(),
  variables: z.array(variableChangeSchema),
  /** Variable changes left out beyond HISTORY_VARIABLES_LIMIT. */
  variablesOmitted: z.number().int().min(1).optional(),
});
export type InstanceChange = z.infer<typeof instanceChangeSchema>;

/** A token as a history entry records it: where it is after the event. */
export const historyTokenSchema = z.object({
  tokenKey: keySchema,
  parentTokenKey: keySchema.nullish(),
  elementId: z.string(),
  state: tokenStateSchema,
});

/** One event of an instance: one applied command and everything it moved and changed. */
export const historyEntrySchema = z.object({
  processInstanceKey: keySchema,
  /** Opaque position of the entry: pass it as `after` to read the entries that follow. */
  cursor: z.string(),
  /** The stored instance's revision the event belongs to (a batch of commands shares one). */
  revision: z.number().int().min(0),
  /** The n-th event (from 0) of that revision. */
  eventIndex: z.number().int().min(0),
  timestamp: dateTimeSchema,
  /** The command applied; absent in events of engines from before it was reported. */
  command: z.string().optional(),
  /** The bearer token subject of the operator or client that sent the command. */
  actor: z.string().optional(),
  /** The instance after the event. */
  state: processInstanceStateSchema,
  suspended: z.boolean(),
  hasIncident: z.boolean(),
  /** Elements with an active element instance after the event. */
  activeElementIds: z.array(z.string()),
  /** Elements completed for the first time in this event, in completion order. */
  completedElementIds: z.array(z.string()),
  /** Tokens that appeared, moved or changed state in this event, as they are after it. */
  tokens: z.array(historyTokenSchema),
  variables: z.array(variableChangeSchema),
  variablesOmitted: z.number().int().min(1).optional(),
});
export type HistoryEntry = z.infer<typeof historyEntrySchema>;

/** The query of `GET /v2/process-instances/{processInstanceKey}/history`. */
export const instanceHistoryQuerySchema = z.strictObject({
  /** The `cursor` of the last entry read: the page starts after it. */
  after: z
    .string()
    .regex(/^\d{1,15}\.\d{1,9}$/, 'must be the cursor of a history entry')
    .optional(),
  /** @default 100 */
  limit: z.coerce.number().int().min(1).max(1000).optional(),
});
export type InstanceHistoryQuery = z.infer<typeof instanceHistoryQuerySchema>;

/** The answer: entries oldest first (newest last), and whether more follow the last one. */
export const instanceHistoryResponseSchema = z.object({
  items: z.array(historyEntrySchema),
  page: z.object({
    /** Every entry of the instance. */
    totalItems: z.number().int().min(0),
    /** The cursor of the last item (absent when there is none): pass it as `after`. */
    endCursor: z.string().optional(),
    hasMoreItems: z.boolean(),
  }),
});
export type InstanceHistoryResponse = z.infer<typeof instanceHistoryResponseSchema>;

/** The cursor of an entry: revision and event index. */
export function historyCursor(revision: number, eventIndex: number): string {
  return `${revision}.${eventIndex}`;
}

/** The revision and event index a cursor names (validated by instanceHistoryQuerySchema). */
export function parseHistoryCursor(cursor: string): { revision: number; eventIndex: number } {
  const [revision, eventIndex] = cursor.split('.');
  return { revision: Number(revision), eventIndex: Number(eventIndex) };
}
