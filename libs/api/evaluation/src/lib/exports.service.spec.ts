import { Writable } from 'node:stream';
import { drained } from './exports.service';

describe('drained', () => {
  it('waits for a full stream to drain and leaves no listener behind, however often it waits', async () => {
    const chunks: Buffer[] = [];
    const out = new Writable({
      highWaterMark: 16,
      write(chunk: Buffer, _encoding, done) {
        chunks.push(chunk);
        setImmediate(done);
      },
    });
    const before = { close: out.listenerCount('close'), drain: out.listenerCount('drain'), error: out.listenerCount('error') };
    for (let i = 0; i < 50; i++) {
      out.write(Buffer.alloc(32, i));
      expect(out.writableNeedDrain).toBe(true);
      await drained(out);
      expect(out.writableNeedDrain).toBe(false);
    }
    expect(chunks).toHaveLength(50);
    expect({ close: out.listenerCount('close'), drain: out.listenerCount('drain'), error: out.listenerCount('error') }).toEqual(before);
  });

  it('says so when the client went away while it waited', async () => {
    const out = new Writable({ highWaterMark: 1, write: () => undefined });
    out.write('x');
    const waiting = drained(out);
    out.destroy();
    await expect(waiting).rejects.toThrow('the client closed the connection during the export');
  });
});
