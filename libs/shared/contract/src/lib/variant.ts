import type { ContributionGeometry } from './geojson';
import type { RatingSummary } from './contribution';

/** What a planner may upload: images are re-encoded to pixels only, PDFs are checked by signature. */
export const UPLOAD_MEDIA_TYPES = ['image/png', 'image/jpeg', 'image/webp', 'application/pdf'] as const;
export type UploadMediaType = (typeof UPLOAD_MEDIA_TYPES)[number];

export interface UploadedFile {
  id: string;
  mediaType: UploadMediaType;
  fileName: string;
  byteSize: number;
  /** pixels after re-encoding; null for PDFs */
  width: number | null;
  height: number | null;
  /** where the app serves it: the workspace URL for planners, the public URL in public answers */
  url: string;
}

/** A row of a variant's key figures, e.g. { label: 'Grünfläche', value: '2,4', unit: 'ha' }. */
export interface KeyFigure {
  label: string;
  value: string;
  unit: string;
}

export const VARIANT_OVERLAY_KINDS = ['image', 'wms', 'wmts', 'xyz'] as const;
export type VariantOverlayKind = (typeof VARIANT_OVERLAY_KINDS)[number];

/**
 * The variant's own plan over the map, in the shapes the map configuration knows: a static image
 * (an uploaded image by `uploadId`, or a URL) with its extent, or a WMS/WMTS/XYZ layer.
 */
export interface VariantOverlay {
  kind: VariantOverlayKind;
  /** http(s) URL or path on this server; for an uploaded image the app fills it in */
  url?: string;
  uploadId?: string;
  /** [minLon, minLat, maxLon, maxLat] of a static image */
  extent?: [number, number, number, number];
  layers?: string;
  matrixSet?: string;
  opacity?: number;
  attribution?: string;
}

export interface VariantImage {
  uploadId: string;
  /** required: what the image shows, for people who cannot see it */
  alt: string;
  caption: string;
  url: string;
  width: number;
  height: number;
}

export interface VariantFeature {
  label: string;
  colour: string;
  geometry: ContributionGeometry;
}

export interface PublicVariant {
  id: string;
  title: string;
  summary: string;
  description: string;
  position: number;
  colour: string;
  keyFigures: KeyFigure[];
  overlay: (VariantOverlay & { url: string }) | null;
  images: VariantImage[];
  features: VariantFeature[];
  rating: RatingSummary;
  /** null where the procedure hides comments */
  commentCount: number | null;
}

export interface VariantComment {
  id: string;
  variantId: string;
  text: string;
  createdAt: string;
  /** only in the answer to its author's POST */
  status?: 'pending' | 'published';
}

export interface PublicVariantDetail extends PublicVariant {
  /** oldest first; empty where the procedure hides comments */
  comments: VariantComment[];
}

/** A variant as the planner workspace edits it. */
export interface WorkspaceVariant extends Omit<PublicVariant, 'rating' | 'commentCount'> {
  published: boolean;
  ratingsUp: number;
  ratingsDown: number;
  commentCount: number;
  createdAt: string;
  updatedAt: string;
}

export interface VariantInput {
  title: string;
  summary?: string;
  description?: string;
  position?: number;
  published?: boolean;
  colour?: string;
  keyFigures?: KeyFigure[];
  overlay?: VariantOverlay | null;
  images?: { uploadId: string; alt: string; caption?: string }[];
  features?: VariantFeature[];
}

export interface PlanningDocument {
  id: string;
  title: string;
  description: string;
  position: number;
  file: UploadedFile;
}

export interface DocumentInput {
  uploadId: string;
  title: string;
  description?: string;
  position?: number;
}

export interface FaqEntry {
  id: string;
  question: string;
  answer: string;
  position: number;
}

export interface FaqInput {
  question: string;
  answer: string;
  position?: number;
}

export interface Contact {
  id: string;
  name: string;
  organisation: string;
  email: string;
  phone: string;
  address: string;
  position: number;
}

export type ContactInput = Omit<Contact, 'id' | 'organisation' | 'email' | 'phone' | 'address' | 'position'> &
  Partial<Pick<Contact, 'organisation' | 'email' | 'phone' | 'address' | 'position'>>;

/** Everything a procedure page shows about the planning besides the map: public reads only. */
export interface PlanningInformation {
  documents: PlanningDocument[];
  faq: FaqEntry[];
  contacts: Contact[];
}

export const VARIANT_LIMITS = {
  maxVariants: 20,
  maxImages: 12,
  maxKeyFigures: 30,
  maxFeatures: 200,
  titleMaxLength: 120,
  summaryMaxLength: 500,
  descriptionMaxLength: 20_000,
  altMaxLength: 300,
} as const;
