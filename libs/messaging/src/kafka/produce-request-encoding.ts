// Produce requests (versions 3–7, uncompressed) written straight into one buffer. kafkajs 2.2
// builds each record, and each header of a record, in an encoder of its own that starts as 512
// zeroed bytes, writes every varint through a throw-away array, and copies every piece again into
// the piece around it. A profile of an engine replica in the (b) benchmark put a tenth of its
// CPU there. The bytes are kafkajs's own, byte for byte (produce-request-encoding.test.ts compares
// them); compressed batches and other versions stay with kafkajs (kafka-produce-encoding.ts).
import crc32C from 'kafkajs/src/protocol/recordBatch/crc32C/index.js';

type Bytes = Buffer | string | null | undefined;

/** What kafkajs's Long.fromValue takes: a number, decimal text or a Long. */
type Int64Like = number | bigint | string | { toString(): string } | null | undefined;

export interface ProduceMessage {
  readonly key?: Bytes;
  readonly value: Bytes;
  readonly headers?: Readonly<Record<string, Bytes | readonly Bytes[]>>;
  readonly timestamp?: string | number;
}

export interface ProducePartitionData {
  readonly partition: number;
  readonly firstSequence?: number;
  readonly messages: readonly ProduceMessage[];
}

export interface ProduceTopicData {
  readonly topic: string;
  readonly partitions: readonly ProducePartitionData[];
}

export interface ProduceRequestBody {
  readonly transactionalId?: string | null;
  readonly acks: number;
  readonly timeout: number;
  /** kafkajs holds it as decimal text or as a Long. */
  readonly producerId?: Int64Like;
  readonly producerEpoch?: number;
  readonly topicData: readonly ProduceTopicData[];
}

/** Record batch format 2 (Kafka 0.11+), the only one these request versions carry. */
const magicByte = 2;
const transactionalAttribute = 16;

/** A growing scratch buffer: each request is written here, then copied out at its exact size. */
let scratch = Buffer.allocUnsafe(64 * 1024);
let at = 0;

function reserve(bytes: number): void {
  if (at + bytes <= scratch.length) return;
  const grown = Buffer.allocUnsafe(Math.max(scratch.length * 2, at + bytes));
  scratch.copy(grown, 0, 0, at);
  scratch = grown;
}

function int8(value: number): void {
  reserve(1);
  scratch.writeInt8(value, at);
  at += 1;
}

function int16(value: number): void {
  reserve(2);
  scratch.writeInt16BE(value, at);
  at += 2;
}

function int32(value: number): void {
  reserve(4);
  scratch.writeInt32BE(value, at);
  at += 4;
}

function int64(value: bigint): void {
  reserve(8);
  scratch.writeBigInt64BE(value, at);
  at += 8;
}

/** An int16-prefixed string, -1 for null. */
function shortString(value: string | null | undefined): void {
  if (value == null) return int16(-1);
  const length = Buffer.byteLength(value, 'utf8');
  int16(length);
  reserve(length);
  at += scratch.write(value, at, length, 'utf8');
}

function unsignedVarint(value: number): void {
  reserve(5);
  let rest = value >>> 0;
  while (rest >= 0x80) {
    scratch[at++] = (rest & 0x7f) | 0x80;
    rest >>>= 7;
  }
  scratch[at++] = rest;
}

function varint(value: number): void {
  unsignedVarint((value << 1) ^ (value >> 31));
}

function varlong(value: bigint): void {
  let rest = BigInt.asUintN(64, (value << 1n) ^ (value >> 63n));
  reserve(10);
  while (rest >= 0x80n) {
    scratch[at++] = Number(rest & 0x7fn) | 0x80;
    rest >>= 7n;
  }
  scratch[at++] = Number(rest);
}

function unsignedVarintSize(value: number): number {
  let rest = value >>> 0;
  let size = 1;
  while (rest >= 0x80) {
    size++;
    rest >>>= 7;
  }
  return size;
}

const varintSize = (value: number): number => unsignedVarintSize((value << 1) ^ (value >> 31));

function varlongSize(value: bigint): number {
  let rest = BigInt.asUintN(64, (value << 1n) ^ (value >> 63n));
  let size = 1;
  while (rest >= 0x80n) {
    size++;
    rest >>= 7n;
  }
  return size;
}

/** The byte length of a varint-prefixed field, -1 standing for null. */
function byteLengthOf(value: Bytes): number {
  if (value == null) return -1;
  return Buffer.isBuffer(value) ? value.length : Buffer.byteLength(String(value), 'utf8');
}

const fieldSize = (length: number): number => varintSize(length) + Math.max(length, 0);

function bytesField(value: Bytes, length: number): void {
  varint(length);
  if (length <= 0) return;
  reserve(length);
  if (Buffer.isBuffer(value)) at += value.copy(scratch, at);
  else at += scratch.write(String(value), at, length, 'utf8');
}

/** The record's headers as kafkajs lists them: an array value gives a header per item. */
function headerList(headers: ProduceMessage['headers']): [string, Bytes][] {
  const list: [string, Bytes][] = [];
  if (!headers) return list;
  for (const name of Object.keys(headers)) {
    const value = headers[name];
    if (Array.isArray(value)) for (const item of value as readonly Bytes[]) list.push([name, item]);
    else list.push([name, value as Bytes]);
  }
  return list;
}

/** An int64 as kafkajs's Long.fromValue reads it: a number truncated, anything else as decimal text. */
function toInt64(value: Int64Like, fallback: bigint): bigint {
  if (value === undefined || value === null) return fallback;
  if (typeof value === 'number') return BigInt(Math.trunc(value));
  if (typeof value === 'bigint') return value;
  return BigInt(value.toString());
}

function record(message: ProduceMessage, offsetDelta: number, timestampDelta: bigint): void {
  const keyLength = byteLengthOf(message.key);
  const valueLength = byteLengthOf(message.value);
  const headers = headerList(message.headers);
  let headersSize = varintSize(headers.length);
  const headerLengths: number[] = [];
  for (const [name, value] of headers) {
    const nameLength = Buffer.byteLength(name, 'utf8');
    const valueLength = byteLengthOf(value);
    headerLengths.push(nameLength, valueLength);
    headersSize += fieldSize(nameLength) + fieldSize(valueLength);
  }
  const bodySize =
    1 +
    varlongSize(timestampDelta) +
    varintSize(offsetDelta) +
    fieldSize(keyLength) +
    fieldSize(valueLength) +
    headersSize;
  varint(bodySize);
  int8(0);
  varlong(timestampDelta);
  varint(offsetDelta);
  bytesField(message.key, keyLength);
  bytesField(message.value, valueLength);
  varint(headers.length);
  headers.forEach(([name, value], index) => {
    bytesField(name, headerLengths[index * 2]!);
    bytesField(value, headerLengths[index * 2 + 1]!);
  });
}

/** One partition's record set: partition, size, then the record batch with its CRC filled in. */
function partitionData(data: ProducePartitionData, body: ProduceRequestBody, now: number): void {
  const { messages } = data;
  // As kafkajs: the batch's first and last timestamps are the least and greatest as text.
  const stamps = messages
    .map((message) => message.timestamp)
    .filter((stamp) => stamp != null)
    .sort();
  const firstTimestamp = stamps.length === 0 ? now : stamps[0]!;
  const maxTimestamp = stamps.length === 0 ? now : stamps[stamps.length - 1]!;
  int32(data.partition);
  const sizeAt = at;
  int32(0); // the record set's size, filled in below
  int64(0n); // first offset
  const lengthAt = at;
  int32(0); // the batch's length, filled in below
  int32(0); // partition leader epoch
  int8(magicByte);
  const crcAt = at;
  int32(0); // CRC-32C of what follows, filled in below
  const bodyAt = at;
  int16(body.transactionalId ? transactionalAttribute : 0);
  int32(messages.length - 1);
  int64(toInt64(firstTimestamp, 0n));
  int64(toInt64(maxTimestamp, 0n));
  int64(toInt64(body.producerId, -1n));
  int16(body.producerEpoch ?? 0);
  int32(data.firstSequence ?? 0);
  int32(messages.length);
  messages.forEach((message, index) => {
    // As kafkajs: a missing (or zero) timestamp is now, and the texts subtract as numbers.
    const delta = Number(message.timestamp || now) - Number(firstTimestamp);
    record(message, index, BigInt(Math.trunc(delta)));
  });
  scratch.writeUInt32BE(crc32C(scratch.subarray(bodyAt, at)), crcAt);
  scratch.writeInt32BE(at - lengthAt - 4, lengthAt);
  scratch.writeInt32BE(at - sizeAt - 4, sizeAt);
}

/** The body of a produce request, versions 3 to 7, without compression. */
export function encodeProduceRequest(body: ProduceRequestBody, now = Date.now()): Buffer {
  at = 0;
  shortString(body.transactionalId);
  int16(body.acks);
  int32(body.timeout);
  int32(body.topicData.length);
  for (const topic of body.topicData) {
    shortString(topic.topic);
    int32(topic.partitions.length);
    for (const partition of topic.partitions) partitionData(partition, body, now);
  }
  const encoded = Buffer.allocUnsafe(at);
  scratch.copy(encoded, 0, 0, at);
  return encoded;
}
