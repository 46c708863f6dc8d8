import { crc32, deflateSync } from 'node:zlib';
import sharp from 'sharp';
import { ProblemException } from '@stadtdialog/api/http';
import { checkUpload, safeFileName, sniff } from './upload-check';

const png = (width: number, height: number) =>
  sharp({ create: { width, height, channels: 3, background: '#2e7d32' } }).png().toBuffer();

/** A valid 1-bit PNG of width × height black pixels: a few kilobytes that decode to gigapixels. */
function bombPng(width: number, height: number): Buffer {
  const chunk = (type: string, data: Buffer) => {
    const body = Buffer.concat([Buffer.from(type, 'latin1'), data]);
    const length = Buffer.alloc(4);
    length.writeUInt32BE(data.length);
    const crc = Buffer.alloc(4);
    crc.writeUInt32BE(crc32(body));
    return Buffer.concat([length, body, crc]);
  };
  const header = Buffer.alloc(13);
  header.writeUInt32BE(width, 0);
  header.writeUInt32BE(height, 4);
  header.set([1, 0, 0, 0, 0], 8);
  const rows = Buffer.alloc((1 + Math.ceil(width / 8)) * height);
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', header), chunk('IDAT', deflateSync(rows, { level: 9 })), chunk('IEND', Buffer.alloc(0)),
  ]);
}

async function refusal(content: Buffer): Promise<{ status: number; code: string }> {
  try {
    await checkUpload(content, 'x.png', 1000);
  } catch (error) {
    const problem = error as ProblemException;
    return { status: problem.getStatus(), code: (problem.errors?.[0] as unknown as { code: string }).code };
  }
  throw new Error('accepted');
}

describe('uploads', () => {
  it('tells the type by the first bytes, not by the name', async () => {
    expect(sniff(await png(2, 2))).toBe('png');
    expect(sniff(Buffer.from('%PDF-1.7\n...'))).toBe('pdf');
    expect(sniff(Buffer.from('<!doctype html><script>alert(1)</script>'))).toBeNull();
  });

  it('re-encodes an image within the dimension bound, without metadata', async () => {
    const withExif = await sharp(await png(3000, 1500)).withMetadata({ exif: { IFD0: { Artist: 'Someone' } } }).jpeg().toBuffer();
    const checked = await checkUpload(withExif, 'plan.JPG', 1000);
    expect(checked).toMatchObject({ mediaType: 'image/jpeg', width: 1000, height: 500, fileName: 'plan.jpg' });
    expect((await sharp(checked.content).metadata()).exif).toBeUndefined();
  });

  it('refuses a renamed HTML file, a truncated image and a decompression bomb', async () => {
    expect(await refusal(Buffer.from('<html><body>not an image</body></html>'))).toEqual({ status: 415, code: 'unsupported_file_type' });
    expect(await refusal((await png(50, 50)).subarray(0, 40))).toEqual({ status: 422, code: 'file_damaged' });
    const bomb = bombPng(20_000, 20_000);
    expect(bomb.length).toBeLessThan(200_000);
    expect(await sharp(bomb, { limitInputPixels: false }).metadata()).toMatchObject({ width: 20_000, height: 20_000 });
    expect(await refusal(bomb)).toEqual({ status: 422, code: 'image_too_large' });
  });

  it('keeps a clean base name with the extension of the type found', () => {
    expect(safeFileName('../../etc/"passwd".html', 'application/pdf')).toBe('passwd.pdf');
    expect(safeFileName('', 'image/png')).toBe('datei.png');
  });
});
