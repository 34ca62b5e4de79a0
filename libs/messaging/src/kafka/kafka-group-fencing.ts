// Exactly-once with one transaction per member rather than per partition (KIP-447). A transactional
// subscription's producer commits the offsets of every partition its member holds; what keeps a
// member that lost partitions (a zombie) from committing a batch of theirs is the group
// coordinator, which checks the member and generation the offsets are committed for, and what keeps
// the next owner from starting below a batch still being committed is a stable offset read.
// kafkajs 2.2 sends neither (its TxnOffsetCommit knows no member, its OffsetFetch no
// require_stable), so its broker class is taught both here, for the calls made inside
// withGroupMember() and withStableOffsets() only: every other request of kafkajs is left as it is.
//
// Which calls those are is told by the request's own fields (the transactional id, the group), not
// by AsyncLocalStorage: on Node 20 an AsyncLocalStorage in use hooks every promise of the process,
// which cost a replica about a tenth of its CPU under load.
import Broker from 'kafkajs/src/broker/index.js';
import {
  offsetFetchApiKey,
  offsetFetchStableVersion,
  stableOffsetFetchV7,
  txnOffsetCommitApiKey,
  txnOffsetCommitGroupVersion,
  txnOffsetCommitV3,
  type GroupMember,
  type OffsetFetchArgs,
  type ProtocolRequest,
  type TxnOffsetCommitArgs,
} from './kafka-group-requests';

/** The member each transactional producer commits offsets for, by transactional id, during withGroupMember(). */
const memberOfTransaction = new Map<string, GroupMember>();
/** Groups whose committed offsets are read stable, with the number of withStableOffsets() calls reading them. */
const stableReadGroups = new Map<string, number>();

/**
 * What each member must finish before it joins its group again or leaves it, by member id
 * (settleBeforeRejoining): the partitions it holds go to other members only after that.
 */
const settles = new Map<string, () => Promise<void>>();

/** The generation each member joined last, by member id (from the JoinGroup answers of this process). */
const generations = new Map<string, number>();
/** Member ids are unique per consumer; old ones are dropped past this many. */
const maxRememberedMembers = 10_000;

/** The broker does not speak a request version exactly-once depends on. */
export class KafkaBrokerTooOldError extends Error {
  override readonly name = 'KafkaBrokerTooOldError';

  constructor(request: string, version: number) {
    super(
      `the Kafka broker does not support ${request} v${version}, which Baton's transactional subscriptions need (Kafka 2.5 or newer)`,
    );
  }
}

/**
 * Runs `call`: the transaction offset commits the producer `transactionalId` makes meanwhile are
 * committed for `member` (TxnOffsetCommit v3). A producer runs one transaction at a time.
 */
export async function withGroupMember<T>(
  transactionalId: string,
  member: GroupMember,
  call: () => Promise<T>,
): Promise<T> {
  memberOfTransaction.set(transactionalId, member);
  try {
    return await call();
  } finally {
    if (memberOfTransaction.get(transactionalId) === member) memberOfTransaction.delete(transactionalId);
  }
}

/**
 * Runs `call`: the committed offsets of `groupId` read meanwhile are stable ones (OffsetFetch v7,
 * require_stable) — also a read of the group's own consumer at that moment, which a consumer that
 * reads committed messages only can take (Kafka's Java consumer always reads them stable then).
 */
export async function withStableOffsets<T>(groupId: string, call: () => Promise<T>): Promise<T> {
  stableReadGroups.set(groupId, (stableReadGroups.get(groupId) ?? 0) + 1);
  try {
    return await call();
  } finally {
    const left = (stableReadGroups.get(groupId) ?? 1) - 1;
    if (left > 0) stableReadGroups.set(groupId, left);
    else stableReadGroups.delete(groupId);
  }
}

/** The generation `memberId` was given when it last joined its group; undefined if not seen here. */
export function generationOf(memberId: string): number | undefined {
  return generations.get(memberId);
}

/**
 * Makes `memberId` run `settle` before each later JoinGroup (a rebalance) and its LeaveGroup (a
 * close): its partitions are handed to other members only once what it still does for them is
 * done. Answers the function that undoes it.
 */
export function settleBeforeRejoining(memberId: string, settle: () => Promise<void>): () => void {
  settles.set(memberId, settle);
  return () => {
    if (settles.get(memberId) === settle) settles.delete(memberId);
  };
}

/** The member a JoinGroup or LeaveGroup is sent for; '' for a first join. */
function memberIdOf(args: unknown): string {
  const memberId = (args as { memberId?: unknown } | undefined)?.memberId;
  return typeof memberId === 'string' ? memberId : '';
}

type SendRequest = (this: Broker, request: ProtocolRequest) => Promise<unknown>;

let installed = false;

/**
 * Teaches kafkajs's broker class the two requests (idempotent). Answers false, changing nothing,
 * where the kafkajs in use lacks what is wrapped.
 */
export function installGroupFencing(): boolean {
  if (installed) return true;
  const prototype = Broker.prototype as Broker & Record<symbol, unknown>;
  const sendSymbol = Object.getOwnPropertySymbols(prototype).find(
    (symbol) => symbol.description === 'private:Broker:sendRequest',
  );
  const { txnOffsetCommit, offsetFetch, joinGroup, leaveGroup } = prototype;
  if (!sendSymbol || typeof txnOffsetCommit !== 'function' || typeof offsetFetch !== 'function') return false;
  if (typeof joinGroup !== 'function' || typeof leaveGroup !== 'function') return false;
  const send = prototype[sendSymbol] as SendRequest;
  installed = true;

  prototype.txnOffsetCommit = function (this: Broker, args: unknown) {
    const member = memberOfTransaction.get((args as Partial<TxnOffsetCommitArgs>).transactionalId ?? '');
    if (!member) return txnOffsetCommit.call(this, args);
    requireVersion(this, txnOffsetCommitApiKey, txnOffsetCommitGroupVersion, 'TxnOffsetCommit');
    return send.call(this, txnOffsetCommitV3(args as TxnOffsetCommitArgs, member));
  };
  prototype.offsetFetch = function (this: Broker, args: unknown) {
    if (!stableReadGroups.has((args as Partial<OffsetFetchArgs>).groupId ?? ''))
      return offsetFetch.call(this, args);
    requireVersion(this, offsetFetchApiKey, offsetFetchStableVersion, 'OffsetFetch');
    return send.call(this, stableOffsetFetchV7(args as OffsetFetchArgs));
  };
  prototype.joinGroup = async function (this: Broker, args: unknown) {
    await settles.get(memberIdOf(args))?.();
    const joined = await joinGroup.call(this, args);
    generations.delete(joined.memberId);
    generations.set(joined.memberId, joined.generationId);
    if (generations.size > maxRememberedMembers) {
      const oldest = generations.keys().next().value;
      if (oldest !== undefined) generations.delete(oldest);
    }
    return joined;
  };
  prototype.leaveGroup = async function (this: Broker, args: unknown) {
    await settles.get(memberIdOf(args))?.();
    return leaveGroup.call(this, args);
  };
  return true;
}

function requireVersion(broker: Broker, apiKey: number, version: number, name: string): void {
  const supported = broker.versions?.[apiKey];
  if (!supported || supported.maxVersion < version) throw new KafkaBrokerTooOldError(name, version);
}
