import { ExtendedQueryFilter, RawExec } from './embedded-protocol';

/** one protocol message: type byte, int32 length, body */
function msg(type: string, body = ''): Uint8Array {
  const bytes = new Uint8Array(5 + body.length);
  bytes[0] = type.charCodeAt(0);
  new DataView(bytes.buffer).setInt32(1, 4 + body.length);
  bytes.set(Buffer.from(body), 5);
  return bytes;
}

function types(chunks: Uint8Array[]): string {
  const all = Buffer.concat(chunks);
  let out = '';
  for (let i = 0; i < all.length; i += 1 + all.readInt32BE(i + 1)) out += String.fromCharCode(all[i]);
  return out;
}

/** PGlite's answers as measured: every extended message gets a ReadyForQuery, an error at once too */
const pglite: Record<string, Uint8Array[]> = {
  P: [msg('1'), msg('Z', 'I')],
  B: [msg('2'), msg('Z', 'I')],
  D: [msg('T', 'x'), msg('Z', 'I')],
  E: [msg('E', 'check constraint'), msg('Z', 'I')],
  S: [msg('Z', 'I')],
  Q: [msg('C', 'SELECT 1'), msg('Z', 'I')],
};

function engine(answers = pglite): { exec: RawExec; seen: string[] } {
  const seen: string[] = [];
  const exec: RawExec = async (message, options) => {
    const type = String.fromCharCode(message[0]);
    seen.push(type);
    for (const chunk of answers[type] ?? []) options.onRawData?.(chunk);
  };
  return { exec, seen };
}

async function send(filter: ExtendedQueryFilter, exec: RawExec, sequence: string): Promise<string> {
  const out: Uint8Array[] = [];
  for (const type of sequence) await filter.run(msg(type), exec, { onRawData: (d) => out.push(d) });
  return types(out);
}

describe('the embedded engine speaks the extended query protocol as PostgreSQL does', () => {
  it('answers Parse, Bind, Describe and Execute without ReadyForQuery, and Sync with one', async () => {
    const { exec } = engine({ ...pglite, E: [msg('D', 'row'), msg('C', 'INSERT'), msg('Z', 'I')] });
    expect(await send(new ExtendedQueryFilter(), exec, 'PBDES')).toBe('12TDCZ');
  });

  it('after an error discards messages until Sync, then answers one ReadyForQuery', async () => {
    const { exec, seen } = engine({ ...pglite, B: [msg('E', 'bad parameter'), msg('Z', 'I')] });
    const filter = new ExtendedQueryFilter();
    expect(await send(filter, exec, 'PBDES')).toBe('1EZ');
    expect(seen.join('')).toBe('PBS');
    // the next statement is answered normally
    expect(await send(filter, engine().exec, 'PBD')).toBe('12T');
  });

  it('an error in Execute (a CHECK constraint) is followed by exactly one ReadyForQuery', async () => {
    expect(await send(new ExtendedQueryFilter(), engine().exec, 'PBDES')).toBe('12TEZ');
  });

  it('leaves the simple query protocol alone', async () => {
    expect(await send(new ExtendedQueryFilter(), engine().exec, 'Q')).toBe('CZ');
  });

  it('reassembles a backend message split across chunks', async () => {
    const row = msg('D', 'a long data row');
    const { exec } = engine({ ...pglite, E: [row.subarray(0, 3), row.subarray(3), msg('C', 'SELECT 1'), msg('Z', 'I')] });
    expect(await send(new ExtendedQueryFilter(), exec, 'ES')).toBe('DCZ');
  });

  it('keeps a split message intact when the engine reuses its buffer for the next chunk', async () => {
    // PGlite passes views of its WebAssembly memory: the bytes of one chunk are gone when the next arrives.
    const rows = Array.from({ length: 4 }, (_, i) => msg('D', `row ${i} `.repeat(40)));
    const answer = Buffer.concat([...rows, msg('C', 'SELECT 4')]);
    const memory = new Uint8Array(100);
    const exec: RawExec = async (message, options) => {
      for (let at = 0; at < answer.length; at += memory.length) {
        const chunk = answer.subarray(at, at + memory.length);
        memory.set(chunk);
        options.onRawData?.(memory.subarray(0, chunk.length));
        memory.fill(0);
      }
    };
    const out: Uint8Array[] = [];
    await new ExtendedQueryFilter().run(msg('E'), exec, { onRawData: (d) => out.push(Uint8Array.from(d)) });
    expect(Buffer.concat(out)).toEqual(answer);
  });
});
