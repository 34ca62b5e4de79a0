// Reads a response body up to a byte limit without buffering more: a declared Content-Length over
// the limit is refused before reading, and a body that grows past it is cancelled mid-stream
// (which closes the connection), so an endless or huge answer costs at most the limit in memory.

export type LimitedBody =
  | { readonly kind: 'read'; readonly bytes: Uint8Array; readonly truncated: boolean }
  | { readonly kind: 'too-large' };

/**
 * @param overLimit `reject`: a body over the limit is `too-large`; `truncate`: its first
 * `limitBytes` bytes are kept (error answers, shown in messages).
 */
export async function readLimitedBody(
  response: Response,
  limitBytes: number,
  overLimit: 'reject' | 'truncate',
): Promise<LimitedBody> {
  const declared = response.headers.get('content-length');
  if (overLimit === 'reject' && declared !== null && Number(declared) > limitBytes) {
    await response.body?.cancel().catch(() => undefined);
    return { kind: 'too-large' };
  }
  if (!response.body) return { kind: 'read', bytes: new Uint8Array(0), truncated: false };
  // undici types the stream's chunks as `any`; they are bytes.
  const reader = (response.body as ReadableStream<Uint8Array>).getReader();
  const chunks: Uint8Array[] = [];
  let total = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    if (total + value.byteLength > limitBytes) {
      await reader.cancel().catch(() => undefined);
      if (overLimit === 'reject') return { kind: 'too-large' };
      chunks.push(value.subarray(0, limitBytes - total));
      return { kind: 'read', bytes: concat(chunks, limitBytes), truncated: true };
    }
    chunks.push(value);
    total += value.byteLength;
  }
  return { kind: 'read', bytes: concat(chunks, total), truncated: false };
}

function concat(chunks: readonly Uint8Array[], length: number): Uint8Array {
  if (chunks.length === 1 && chunks[0]!.byteLength === length) return chunks[0]!;
  const bytes = new Uint8Array(length);
  let offset = 0;
  for (const chunk of chunks) {
    bytes.set(chunk, offset);
    offset += chunk.byteLength;
  }
  return bytes;
}
