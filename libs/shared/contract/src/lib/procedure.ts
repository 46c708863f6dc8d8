import { MultiPolygon, Point } from './geojson';

export const PHASE_KINDS = ['information', 'participation', 'conception', 'evaluation'] as const;
export type PhaseKind = (typeof PHASE_KINDS)[number];

/** Derived from the phase dates and the current time, never stored. */
export type PhaseState = 'upcoming' | 'open' | 'closed';

export const MODERATION_MODES = ['pre', 'post'] as const;
export type ModerationMode = (typeof MODERATION_MODES)[number];

export const GEOMETRY_TYPES = ['Point', 'LineString', 'Polygon'] as const;
export type ContributionGeometryType = (typeof GEOMETRY_TYPES)[number];

export const LAYER_KINDS = ['xyz', 'wmts', 'wms', 'geojson', 'image'] as const;
export type MapLayerKind = (typeof LAYER_KINDS)[number];

/** Map layer URLs: absolute http(s) URLs (their host goes into the Content-Security-Policy) or paths on this server. */
export const MAP_LAYER_URL = /^(https?:\/\/[a-z0-9.-]+(:\d{1,5})?(\/[^\s"'`<>;]*)?|\/[^\s"'`<>;]*|https?:\/\/\{[a-z0-9-]+\}\.[a-z0-9.-]+(:\d{1,5})?(\/[^\s"'`<>;]*)?)$/i;

export interface MapLayer {
  id: string;
  kind: MapLayerKind;
  title: string;
  url: string;
  /** base layers are mutually exclusive; overlays stack over them */
  role: 'base' | 'overlay';
  visible?: boolean;
  opacity?: number;
  attribution?: string;
  /** WMS/WMTS layer name(s) */
  layers?: string;
  /** WMTS matrix set / style when kind = wmts */
  matrixSet?: string;
  /** image extent [minLon, minLat, maxLon, maxLat] when kind = image */
  extent?: [number, number, number, number];
}

export interface MapConfiguration {
  /** EPSG code of the view, e.g. "EPSG:3857" or "EPSG:25832" */
  projection: string;
  center: [number, number];
  zoom: number;
  layers: MapLayer[];
}

export interface ProcedureSettings {
  moderation: ModerationMode;
  geometryTypes: ContributionGeometryType[];
  locationRequired: boolean;
  titleMaxLength: number;
  textMaxLength: number;
  commentMaxLength: number;
  comments: 'on' | 'off' | 'hidden';
  ratings: 'on' | 'off' | 'hidden';
  reportThreshold: number;
}

/**
 * Versions of a planner-entered text in other UI languages, by language and field: `{ en: { title: '…' } }`.
 * German is the text of record (the entity's own fields); a field without a version here shows in German.
 * Reads carry only non-empty versions; writes take '' to remove one.
 */
export interface Translations<Field extends string> {
  en?: Partial<Record<Field, string>>;
}

export type ProcedureTranslations = Translations<'title' | 'summary' | 'description'>;
export type PhaseTranslations = Translations<'title'>;
export type CategoryTranslations = Translations<'name'>;
export type RubricTranslations = Translations<'name'>;
export type AppointmentTranslations = Translations<'title' | 'description'>;

export interface Phase {
  id: string;
  kind: PhaseKind;
  title: string;
  startsAt: string;
  endsAt: string;
  state: PhaseState;
  translations: PhaseTranslations;
}

export interface Category {
  id: string;
  name: string;
  colour: string;
  icon: string;
  translations: CategoryTranslations;
}

export interface Rubric {
  id: string;
  kind: string;
  name: string;
  translations: RubricTranslations;
}

export interface Appointment {
  id: string;
  title: string;
  description: string;
  startsAt: string;
  endsAt: string | null;
  place: string;
  location: Point | null;
  translations: AppointmentTranslations;
}

export interface ProcedureSummary {
  id: string;
  slug: string;
  title: string;
  summary: string;
  state: PhaseState;
  planningArea: MultiPolygon | null;
  translations: ProcedureTranslations;
}

export interface ProcedureDetail extends ProcedureSummary {
  description: string;
  phases: Phase[];
  categories: Category[];
  rubrics: Rubric[];
  map: MapConfiguration;
  settings: ProcedureSettings;
  appointments: Appointment[];
}

/** What a new procedure starts with; planners change it per procedure. */
export const DEFAULT_PROCEDURE_SETTINGS: ProcedureSettings = {
  moderation: 'post',
  geometryTypes: ['Point', 'LineString', 'Polygon'],
  locationRequired: false,
  titleMaxLength: 120,
  textMaxLength: 3000,
  commentMaxLength: 1500,
  comments: 'on',
  ratings: 'on',
  reportThreshold: 3,
};

/** A contribution on the start page, with the procedure it belongs to. */
export interface OverviewContribution {
  id: string;
  title: string;
  procedure: { slug: string; title: string; translations: ProcedureTranslations };
  createdAt: string;
  /** null where the procedure hides comments */
  commentCount: number | null;
}

export interface OverviewAppointment extends Omit<Appointment, 'location'> {
  procedure: { slug: string; title: string; translations: ProcedureTranslations };
}

/**
 * What the start page shows across every public procedure: each one's published counts (for the
 * map of all planning areas), the most discussed and the newest contributions, the upcoming
 * appointments, and a base map for that map.
 */
export interface ParticipationOverview {
  procedures: { id: string; contributions: number; comments: number | null }[];
  mostDiscussed: OverviewContribution[];
  mostRecent: OverviewContribution[];
  appointments: OverviewAppointment[];
  /** the map configuration of the newest public procedure with a base layer, with its base layers only; null without procedures */
  map: MapConfiguration | null;
}
