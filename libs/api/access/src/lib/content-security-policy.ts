import { Inject, Injectable, Logger, OnModuleInit } from '@nestjs/common';
import { DataSource } from 'typeorm';
import helmet from 'helmet';
import type { RequestHandler } from 'express';
import { AppConfig } from '@stadtdialog/api/config';
import { APP_CONFIG } from '@stadtdialog/api/db';

/** How long the list of map hosts is reused before it is read again (other instances may change it). */
const REFRESH_MS = 30_000;

/**
 * The Angular build loads its stylesheet with `onload="this.media='all'"`; this hash allows that
 * one handler and no other inline script.
 */
const STYLESHEET_ONLOAD_HASH = "'sha256-MhtPZXr7+LpJUY5qtMutB+qWfQtMaPccfe7QXtCcEYc='";

const HOST = /^(\*\.)?[a-z0-9-]+(\.[a-z0-9-]+)*(:\d{1,5})?$/i;

/**
 * The origin a map layer URL loads from, as a CSP source: `https://tiles.example.org`,
 * `https://*.tile.example.org` for a `{a-c}` subdomain template, or null for a relative URL or
 * anything that is not plain http(s) with a host name.
 */
export function mapSource(url: string): string | null {
  const match = /^(https?):\/\/(?:[^@/?#]*@)?([^/?#]+)/i.exec(url.trim());
  if (!match) return null;
  let host = match[2].toLowerCase();
  if (host.includes('{')) {
    const labels = host.split('.');
    if (!labels[0].includes('{') || labels.slice(1).some((l) => l.includes('{'))) return null;
    host = ['*', ...labels.slice(1)].join('.');
  }
  return HOST.test(host) ? `${match[1].toLowerCase()}://${host}` : null;
}

/**
 * Security headers for every response (API and web app) with a Content-Security-Policy that lets
 * the map load from the hosts of the procedures' map layers, their variants' overlays and BASE_MAP_URL,
 * and nothing else.
 */
@Injectable()
export class ContentSecurityPolicy implements OnModuleInit {
  private readonly logger = new Logger('ContentSecurityPolicy');
  private sources: string[] = [];
  private loadedAt = 0;
  private loading: Promise<void> | null = null;

  constructor(
    private readonly dataSource: DataSource,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {
    this.sources = this.withBaseMap([]);
  }

  async onModuleInit(): Promise<void> {
    await this.refresh();
  }

  /** The allowed map origins as the last refresh found them. */
  mapSources(): string[] {
    if (Date.now() - this.loadedAt > REFRESH_MS) void this.refresh();
    return this.sources;
  }

  /** Reads the map layers again; called after a planner changed a procedure's map. */
  refresh(): Promise<void> {
    this.loading ??= this.load().finally(() => (this.loading = null));
    return this.loading;
  }

  private async load(): Promise<void> {
    try {
      const rows: { url: string }[] = await this.dataSource.query(
        `SELECT DISTINCT layer->>'url' AS url
         FROM procedures p, jsonb_array_elements(CASE WHEN jsonb_typeof(p.map_config->'layers') = 'array'
                                                      THEN p.map_config->'layers' ELSE '[]'::jsonb END) AS layer
         WHERE p.archived_at IS NULL AND layer->>'url' IS NOT NULL
         UNION
         SELECT v.overlay->>'url' FROM variants v JOIN procedures p ON p.id = v.procedure_id
         WHERE p.archived_at IS NULL AND v.overlay->>'url' IS NOT NULL`,
      );
      this.sources = this.withBaseMap(rows.map((r) => r.url));
    } catch (error) {
      this.logger.warn(`could not read the map hosts: ${(error as Error).message}`);
    }
    this.loadedAt = Date.now();
  }

  private withBaseMap(urls: string[]): string[] {
    const sources = new Set<string>();
    for (const url of [this.config.baseMapUrl, ...urls]) {
      const source = mapSource(url);
      if (source) sources.add(source);
    }
    return [...sources].sort();
  }

  middleware(): RequestHandler {
    const maps = () => this.mapSources().join(' ');
    return helmet({
      contentSecurityPolicy: {
        useDefaults: false,
        directives: {
          defaultSrc: ["'self'"],
          scriptSrc: ["'self'", "'unsafe-hashes'", STYLESHEET_ONLOAD_HASH],
          // Angular components and OpenLayers set inline styles.
          styleSrc: ["'self'", "'unsafe-inline'"],
          imgSrc: ["'self'", 'data:', 'blob:', maps],
          connectSrc: ["'self'", maps],
          fontSrc: ["'self'", 'data:'],
          workerSrc: ["'self'", 'blob:'],
          objectSrc: ["'none'"],
          baseUri: ["'self'"],
          formAction: ["'self'"],
          frameAncestors: ["'none'"],
        },
      },
      crossOriginEmbedderPolicy: false,
    });
  }
}
