import { Inject, Injectable, NotFoundException } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { AuditLog, PlannerWriteRequest, SignedInPlanner, plannerWrite } from '@stadtdialog/api/access';
import type { AppConfig } from '@stadtdialog/api/config';
import { APP_CONFIG } from '@stadtdialog/api/db';
import { FieldError, validationProblem } from '@stadtdialog/api/http';
import { isBlank } from '@stadtdialog/api/participation';
import { MailOutbox } from '@stadtdialog/api/mail';
import {
  SITE_LANGUAGES,
  SITE_PAGE_KEYS,
  SiteInfo,
  SiteLanguage,
  SitePage,
  SitePageEdit,
  SitePageKey,
  SitePageSource,
} from '@stadtdialog/shared/contract';
import { DefaultContext, PAGE_TITLES, defaultPage } from './default-pages';
import { renderMarkdown } from './markdown';

const ISO = `to_char(updated_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')`;

interface StoredText {
  language: SiteLanguage;
  body: string;
  updatedAt: string;
}

export function isSitePageKey(key: string): key is SitePageKey {
  return (SITE_PAGE_KEYS as readonly string[]).includes(key);
}

/**
 * The site pages: the text an admin set, or the default made from the configuration. An English
 * reader of a page set only in German gets the German text (marked as such), not the English default.
 */
@Injectable()
export class SitePagesService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly audit: AuditLog,
    private readonly outbox: MailOutbox,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  info(): SiteInfo {
    return { operatorName: this.config.operator.name, notifications: this.outbox.enabled, addressSearch: this.config.geocoder !== null };
  }

  private context(): DefaultContext {
    const geocoder = this.config.geocoder;
    return { operator: this.config.operator, notifications: this.outbox.enabled, geocoderHost: geocoder ? new URL(geocoder.url).host : null };
  }

  private requireKey(key: string): SitePageKey {
    if (!isSitePageKey(key)) throw new NotFoundException(`There is no page "${key}"; pages are ${SITE_PAGE_KEYS.join(', ')}`);
    return key;
  }

  private async stored(manager: EntityManager, key: SitePageKey): Promise<StoredText[]> {
    return manager.query(`SELECT language, body, ${ISO} AS "updatedAt" FROM site_pages WHERE key = $1`, [key]);
  }

  async page(rawKey: string, language: SiteLanguage = 'de'): Promise<SitePage> {
    const key = this.requireKey(rawKey);
    const texts = await this.stored(this.dataSource.manager, key);
    const own = texts.find((t) => t.language === language) ?? texts.find((t) => t.language === 'de');
    const shown = own?.language ?? language;
    const markdown = own?.body ?? defaultPage(key, language, this.context());
    return {
      key,
      language: shown,
      title: PAGE_TITLES[key][shown],
      markdown,
      html: renderMarkdown(markdown),
      edited: !!own,
      updatedAt: own?.updatedAt ?? null,
    };
  }

  private source(key: SitePageKey, texts: StoredText[]): SitePageSource {
    const text = (language: SiteLanguage) => texts.find((t) => t.language === language)?.body ?? null;
    const updated = texts.map((t) => t.updatedAt).sort().pop() ?? null;
    return {
      key,
      texts: { de: text('de'), en: text('en') },
      defaults: { de: defaultPage(key, 'de', this.context()), en: defaultPage(key, 'en', this.context()) },
      updatedAt: updated,
    };
  }

  async sources(): Promise<SitePageSource[]> {
    const rows: (StoredText & { key: SitePageKey })[] = await this.dataSource.query(
      `SELECT key, language, body, ${ISO} AS "updatedAt" FROM site_pages`,
    );
    return SITE_PAGE_KEYS.map((key) => this.source(key, rows.filter((r) => r.key === key)));
  }

  /** Sets both languages of a page at once (null: back to the default), with its audit entry. */
  async edit(actor: SignedInPlanner, request: PlannerWriteRequest, rawKey: string, edit: SitePageEdit): Promise<SitePageSource> {
    const key = this.requireKey(rawKey);
    const errors: FieldError[] = [];
    for (const language of SITE_LANGUAGES) {
      const text = edit[language];
      if (text !== null && isBlank(text)) {
        errors.push({ field: language, code: 'blank_text', message: `${language} must not be empty: send null for the default text` });
      }
    }
    if (errors.length) throw validationProblem(errors);
    const result = await plannerWrite<SitePageSource>(this.dataSource, request, async (manager) => {
      const before = await this.stored(manager, key);
      for (const language of SITE_LANGUAGES) {
        const text = edit[language]?.replace(/\r\n?/g, '\n').trim() ?? null;
        if (text === null) {
          await manager.query(`DELETE FROM site_pages WHERE key = $1 AND language = $2`, [key, language]);
        } else if (text !== before.find((t) => t.language === language)?.body) {
          await manager.query(
            `INSERT INTO site_pages (key, language, body, updated_by) VALUES ($1, $2, $3, $4)
             ON CONFLICT (key, language) DO UPDATE SET body = EXCLUDED.body, updated_by = EXCLUDED.updated_by, updated_at = now()`,
            [key, language, text, actor.id],
          );
        }
      }
      const after = await this.stored(manager, key);
      const view = (texts: StoredText[]) => Object.fromEntries(SITE_LANGUAGES.map((l) => [l, texts.find((t) => t.language === l)?.body ?? null]));
      await this.audit.record(manager, {
        actorId: actor.id, action: 'site-page.edit', entityType: 'site-page', entityId: null, procedureId: null,
        before: { key, ...view(before) }, after: { key, ...view(after) },
      });
      return { status: 200, body: this.source(key, after) };
    });
    return result.body;
  }
}
