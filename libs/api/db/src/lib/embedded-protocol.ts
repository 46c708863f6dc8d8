/**
 * Makes PGlite's answers to the extended query protocol what PostgreSQL sends.
 *
 * PGlite answers every extended-query message (Parse, Bind, Describe, Execute, Close) with its own
 * ReadyForQuery, and an error in one of them with ErrorResponse + ReadyForQuery at once
 * (electric-sql/pglite#958). PostgreSQL sends ReadyForQuery only for Sync and, after an error,
 * discards messages until Sync. A client that receives the early ReadyForQuery takes it as the end
 * of its statement, sends the next one, and then reads the Sync's ReadyForQuery as the end of that
 * one: every later result belongs to the statement before (an insert refused by a CHECK constraint
 * "succeeds" with no rows, the next statement gets its error). It shows as soon as the client and
 * the engine run in different threads; in one thread both answers usually arrive in one chunk.
 *
 * This filter sits between the socket server and PGlite: it drops the ReadyForQuery that answers an
 * extended-query message, and after an ErrorResponse answers nothing until Sync.
 */

const READY_FOR_QUERY = 0x5a; // 'Z'
const ERROR_RESPONSE = 0x45; // 'E' (backend)
const SYNC = 0x53; // 'S'
const QUERY = 0x51; // 'Q'
const TERMINATE = 0x58; // 'X'
/** frontend messages of the extended query protocol that PostgreSQL answers without ReadyForQuery */
const EXTENDED = new Set([0x50, 0x42, 0x44, 0x45, 0x43, 0x48]); // P B D E C H

export interface RawExecOptions {
  onRawData?: (data: Uint8Array) => void;
  [option: string]: unknown;
}
export type RawExec = (message: Uint8Array, options: RawExecOptions) => Promise<unknown>;

export class ExtendedQueryFilter {
  private discarding = false;

  /** Runs one frontend message through `exec`, passing on the answer PostgreSQL would give. */
  async run(message: Uint8Array, exec: RawExec, options: RawExecOptions = {}): Promise<void> {
    const onRawData = options.onRawData ?? (() => undefined);
    const type = message[0];
    const extended = EXTENDED.has(type);
    if (this.discarding && extended) return;
    if (type === SYNC || type === QUERY || type === TERMINATE) this.discarding = false;
    if (!extended) {
      await exec(message, options);
      return;
    }
    let pending: Uint8Array = new Uint8Array(0);
    await exec(message, {
      ...options,
      onRawData: (data) => {
        const bytes = pending.length ? concat(pending, data) : data;
        const { kept, rest, failed } = this.splitAnswer(bytes);
        pending = rest;
        if (failed) this.discarding = true;
        if (kept.length) onRawData(kept);
      },
    });
    if (pending.length) onRawData(pending);
  }

  /** Whole backend messages of `bytes` without ReadyForQuery; an incomplete tail is kept for later. */
  private splitAnswer(bytes: Uint8Array): { kept: Uint8Array; rest: Uint8Array; failed: boolean } {
    const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    const parts: Uint8Array[] = [];
    let offset = 0;
    let failed = false;
    while (offset + 5 <= bytes.length) {
      const length = 1 + view.getInt32(offset + 1);
      if (offset + length > bytes.length) break;
      const type = bytes[offset];
      if (type === ERROR_RESPONSE) failed = true;
      if (type !== READY_FOR_QUERY) parts.push(bytes.subarray(offset, offset + length));
      offset += length;
    }
    // PGlite hands out views of its WebAssembly memory, which the next chunk overwrites: a kept tail is copied.
    return { kept: parts.length === 1 ? parts[0] : concatAll(parts), rest: bytes.slice(offset), failed };
  }
}

function concat(a: Uint8Array, b: Uint8Array): Uint8Array {
  return concatAll([a, b]);
}

function concatAll(parts: Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let offset = 0;
  for (const part of parts) {
    out.set(part, offset);
    offset += part.length;
  }
  return out;
}
