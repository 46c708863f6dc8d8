import sharp, { Metadata } from 'sharp';
import { ProblemException } from '@stadtdialog/api/http';
import type { UploadMediaType } from '@stadtdialog/shared/contract';

/** An image larger than this many pixels is refused before it is decoded (decompression bombs). */
export const MAX_INPUT_PIXELS = 40_000_000;

type Sniffed = 'png' | 'jpeg' | 'webp' | 'gif' | 'pdf';

/** The file's type by its first bytes, whatever its name or the client's Content-Type say. */
export function sniff(content: Buffer): Sniffed | null {
  const starts = (bytes: number[], offset = 0) => bytes.every((b, i) => content[offset + i] === b);
  if (starts([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) return 'png';
  if (starts([0xff, 0xd8, 0xff])) return 'jpeg';
  if (starts([0x52, 0x49, 0x46, 0x46]) && starts([0x57, 0x45, 0x42, 0x50], 8)) return 'webp';
  if (starts([0x47, 0x49, 0x46, 0x38])) return 'gif';
  if (content.subarray(0, 8).toString('latin1').match(/^%PDF-[12]\.\d/)) return 'pdf';
  return null;
}

export interface CheckedUpload {
  mediaType: UploadMediaType;
  content: Buffer;
  fileName: string;
  width: number | null;
  height: number | null;
}

const EXTENSION: Record<UploadMediaType, string> = {
  'image/png': 'png', 'image/jpeg': 'jpg', 'image/webp': 'webp', 'application/pdf': 'pdf',
};

/** The field error carries a machine code already, so clients need not read the English detail. */
function refused(code: 'unsupported_file_type' | 'file_damaged' | 'image_too_large', detail: string): ProblemException {
  const error = { field: 'file', code, message: detail };
  return new ProblemException(code === 'unsupported_file_type' ? 'unsupported_media_type' : 'validation_failed', detail, { errors: [error] });
}

/**
 * A name safe for Content-Disposition and file systems: the original's base name without control
 * characters, path separators or its own extension, with the extension of the type found.
 */
export function safeFileName(original: string, mediaType: UploadMediaType): string {
  const base = (original.split(/[\\/]/).pop() ?? '')
    // eslint-disable-next-line no-control-regex
    .replace(/[\u0000-\u001f\u007f"<>|:*?]/g, '')
    .replace(/\.[^.]*$/, '')
    .trim()
    .slice(0, 120);
  return `${base || 'datei'}.${EXTENSION[mediaType]}`;
}

/**
 * Accepts PNG, JPEG, WebP and GIF images and PDFs, judged by content. Images are decoded and
 * encoded again (GIF as PNG) with bounded dimensions and no metadata, so what is served is only
 * pixels; PDFs are stored as sent once their signature and end marker are found.
 */
export async function checkUpload(content: Buffer, originalName: string, maxDimension: number): Promise<CheckedUpload> {
  const type = sniff(content);
  if (!type) {
    throw refused('unsupported_file_type', 'Only PNG, JPEG, WebP or GIF images and PDF documents can be uploaded; this file is none of them.');
  }
  if (type === 'pdf') {
    if (!content.subarray(Math.max(0, content.length - 1024)).toString('latin1').includes('%%EOF')) {
      throw refused('file_damaged', 'This PDF is incomplete: its end marker (%%EOF) is missing.');
    }
    return { mediaType: 'application/pdf', content, fileName: safeFileName(originalName, 'application/pdf'), width: null, height: null };
  }
  const options = { limitInputPixels: MAX_INPUT_PIXELS, failOn: 'error' as const, animated: false };
  let metadata: Metadata;
  try {
    // The header alone (no decoding): its size is judged below, so a bomb is named as one.
    metadata = await sharp(content, { ...options, limitInputPixels: false }).metadata();
  } catch {
    throw refused('file_damaged', 'This image cannot be read: it is damaged or not what its first bytes claim.');
  }
  const { width = 0, height = 0 } = metadata;
  if (metadata.format !== (type === 'jpeg' ? 'jpeg' : type) || !width || !height) {
    throw refused('file_damaged', 'This image cannot be read: it is damaged or not what its first bytes claim.');
  }
  if (width * height > MAX_INPUT_PIXELS) {
    throw refused('image_too_large', `This image has ${width} × ${height} pixels; at most ${MAX_INPUT_PIXELS / 1_000_000} million pixels are accepted.`);
  }
  const mediaType: UploadMediaType = type === 'jpeg' ? 'image/jpeg' : type === 'webp' ? 'image/webp' : 'image/png';
  try {
    let pipeline = sharp(content, options)
      .rotate()
      .resize({ width: maxDimension, height: maxDimension, fit: 'inside', withoutEnlargement: true });
    pipeline = mediaType === 'image/jpeg' ? pipeline.jpeg({ quality: 85, mozjpeg: true })
      : mediaType === 'image/webp' ? pipeline.webp({ quality: 85 })
      : pipeline.png({ compressionLevel: 9 });
    const { data, info } = await pipeline.toBuffer({ resolveWithObject: true });
    return { mediaType, content: data, fileName: safeFileName(originalName, mediaType), width: info.width, height: info.height };
  } catch {
    throw refused('file_damaged', 'This image cannot be read: it is damaged or truncated.');
  }
}
