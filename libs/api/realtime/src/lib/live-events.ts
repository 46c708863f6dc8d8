import { Inject, Injectable, Logger, OnApplicationBootstrap, OnModuleDestroy } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { AppConfig } from '@stadtdialog/api/config';
import { APP_CONFIG, RUNNING_DATABASE, RunningDatabase } from '@stadtdialog/api/db';
import { InProcessSignal, LiveSignal, PgListenSignal } from './live-signal';

export type LiveChannel = 'public' | 'moderation';

interface EventRow {
  id: string;
  procedure_id: string;
  entity_type: 'contribution' | 'comment' | 'variant' | 'variant-comment';
  entity_id: string;
  contribution_id: string | null;
  variant_id: string | null;
  status: string;
  flagged: boolean;
  public: boolean;
  moderation: boolean;
}

/** One Server-Sent Event. */
export interface LiveMessage {
  id: string;
  event: string;
  data: unknown;
}

export interface LiveConnection {
  procedureId: string;
  channel: LiveChannel;
  send(message: LiveMessage): void;
  close(): void;
  /** checked on every heartbeat; false ends the stream (a planner's session ended) */
  stillAllowed?: () => Promise<boolean>;
}

interface Subscriber extends LiveConnection {
  /** events up to this id were sent by the replay */
  replayedUpTo: bigint;
  /** live events held back while the replay runs */
  buffer: LiveMessage[] | null;
}

const ISO = (column: string) => `to_char(${column} AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')`;
const REPLAY_LIMIT = 1000;
/** how far behind the highest event id seen a scan starts, and how many sent ids are remembered */
const RESCAN = 2000n;
const HEARTBEAT_MS = 25_000;
const RETENTION = `interval '7 days'`;

/** Public contribution and its map feature, read from the public views only. */
const PUBLIC_CONTRIBUTIONS = `
  SELECT c.id,
         json_build_object('id', c.id, 'procedureId', c.procedure_id, 'title', c.title, 'text', c.body,
           'categoryId', c.category_id, 'rubricId', c.rubric_id, 'geometry', ST_AsGeoJSON(c.geom, 7)::json,
           'status', 'published', 'source', c.source, 'workshopId', c.workshop_id, 'createdAt', ${ISO('c.created_at')}, 'updatedAt', ${ISO('c.updated_at')},
           'ratingsUp', c.ratings_up, 'ratingsDown', c.ratings_down, 'commentCount', c.comment_count) AS contribution,
         CASE WHEN c.geom IS NULL THEN NULL ELSE json_build_object('type', 'Feature', 'id', c.id,
           'geometry', ST_AsGeoJSON(c.geom, 7)::json,
           'properties', json_build_object('title', c.title, 'categoryId', c.category_id, 'rubricId', c.rubric_id,
             'colour', k.colour, 'createdAt', ${ISO('c.created_at')}, 'ratingsUp', c.ratings_up, 'ratingsDown', c.ratings_down,
             'commentCount', c.comment_count)) END AS feature
  FROM public_contributions c JOIN categories k ON k.id = c.category_id
  WHERE c.id = ANY($1)`;

/** A published variant's counters (as its procedure shows them) and its title, from the public views only. */
const PUBLIC_VARIANTS = `
  SELECT v.id, json_build_object('id', v.id, 'title', v.title, 'position', v.position,
           'ratingsUp', CASE WHEN p.settings->>'ratings' = 'hidden' THEN NULL ELSE v.ratings_up END,
           'ratingsDown', CASE WHEN p.settings->>'ratings' = 'hidden' THEN NULL ELSE v.ratings_down END,
           'commentCount', CASE WHEN p.settings->>'comments' = 'hidden' THEN NULL ELSE v.comment_count END,
           'updatedAt', ${ISO('v.updated_at')}) AS variant
  FROM public_variants v JOIN public_procedures p ON p.id = v.procedure_id
  WHERE v.id = ANY($1)`;

/** Published comments on published variants, unless the procedure hides comments. */
const PUBLIC_VARIANT_COMMENTS = `
  SELECT m.id, json_build_object('id', m.id, 'variantId', m.variant_id, 'text', m.body, 'createdAt', ${ISO('m.created_at')}) AS comment
  FROM public_variant_comments m JOIN public_variants v ON v.id = m.variant_id JOIN public_procedures p ON p.id = v.procedure_id
  WHERE m.id = ANY($1) AND coalesce(p.settings->>'comments', 'on') <> 'hidden'`;

const PUBLIC_COMMENTS = `
  SELECT m.id, json_build_object('id', m.id, 'contributionId', m.contribution_id, 'parentId', m.parent_id, 'text', m.body,
           'official', m.official, 'createdAt', ${ISO('m.created_at')}) AS comment
  FROM public_comments m WHERE m.id = ANY($1)`;

/**
 * Fans the `live_events` journal out to Server-Sent Event streams per procedure. Public streams
 * carry what the public views show when the event is sent: a contribution that is no longer
 * published arrives as `contribution-removed` with its id only, never with its content.
 */
@Injectable()
export class LiveEvents implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly logger = new Logger('LiveEvents');
  private readonly signal: LiveSignal;
  private readonly subscribers = new Set<Subscriber>();
  /** highest event id looked at by the embedded engine's scan */
  private lastSeen = 0n;
  private chain: Promise<void> = Promise.resolve();
  private announced: string[] = [];
  private scanRequested = false;
  private heartbeat: NodeJS.Timeout | null = null;
  private retryTimer: NodeJS.Timeout | null = null;
  /** ids sent lately, so a scan that looks back does not send one twice */
  private readonly dispatched = new Set<string>();
  private pruneTimer: NodeJS.Timeout | null = null;

  /** streams this instance holds at most (LIVE_MAX_CONNECTIONS); more are answered 503 */
  readonly maxConnections: number;

  constructor(
    private readonly dataSource: DataSource,
    @Inject(RUNNING_DATABASE) database: RunningDatabase,
    @Inject(APP_CONFIG) config: AppConfig,
  ) {
    this.signal = database.engine === 'server' ? new PgListenSignal(database.url) : new InProcessSignal();
    this.maxConnections = config.liveMaxConnections;
  }

  get connections(): number {
    return this.subscribers.size;
  }

  async onApplicationBootstrap(): Promise<void> {
    this.lastSeen = await this.maxId();
    await this.signal.start((ids) => this.onSignal(ids));
    this.heartbeat = setInterval(() => void this.beat(), HEARTBEAT_MS);
    this.heartbeat.unref();
    this.pruneTimer = setInterval(() => void this.prune(), 3600_000);
    this.pruneTimer.unref();
    void this.prune();
  }

  async onModuleDestroy(): Promise<void> {
    if (this.heartbeat) clearInterval(this.heartbeat);
    if (this.pruneTimer) clearInterval(this.pruneTimer);
    if (this.retryTimer) clearTimeout(this.retryTimer);
    await this.signal.stop();
    // Open streams would keep the HTTP server from closing.
    for (const subscriber of this.subscribers) subscriber.close();
    this.subscribers.clear();
    await this.chain.catch(() => undefined);
  }

  /** A write of this process finished: the embedded engine looks for new events. */
  nudge(): void {
    this.signal.nudge();
  }

  private async maxId(): Promise<bigint> {
    const [row] = await this.dataSource.query(`SELECT coalesce(max(id), 0)::text AS id FROM live_events`);
    return BigInt(row.id);
  }

  private async prune(): Promise<void> {
    try {
      await this.dataSource.query(`DELETE FROM live_events WHERE at < now() - ${RETENTION}`);
    } catch (error) {
      this.logger.warn(`could not prune live events: ${(error as Error).message}`);
    }
  }

  private onSignal(ids: string[] | null): void {
    if (ids) this.announced.push(...ids);
    else this.scanRequested = true;
    // One dispatch at a time keeps the order of events per stream.
    this.chain = this.chain.then(() => this.dispatchPending()).catch((error: Error) => {
      this.logger.warn(`live event dispatch failed: ${error.message}`);
    });
  }

  /**
   * A dispatch that fails (the database went away) puts its work back and tries again shortly:
   * the ids it was told of and the look for anything new are not lost.
   */
  private async dispatchPending(): Promise<void> {
    const scanFrom = this.lastSeen;
    const announced = this.announced;
    const scan = this.scanRequested;
    this.announced = [];
    this.scanRequested = false;
    try {
      await this.dispatch(announced, scan, scanFrom);
    } catch (error) {
      this.lastSeen = scanFrom;
      this.announced.unshift(...announced);
      this.scanRequested ||= scan;
      this.retryTimer ??= setTimeout(() => {
        this.retryTimer = null;
        this.onSignal(null);
      }, 1000);
      throw error;
    }
  }

  private async dispatch(announced: string[], scan: boolean, scanFrom: bigint): Promise<void> {
    if (this.subscribers.size === 0) {
      // Nobody listens: skip the read; later subscribers start from their own position.
      if (scan) this.lastSeen = await this.maxId();
      return;
    }
    const procedures = [...new Set([...this.subscribers].map((s) => s.procedureId))];
    const rows: EventRow[] = [];
    for (const id of announced) if (BigInt(id) > this.lastSeen) this.lastSeen = BigInt(id);
    if (announced.length) {
      rows.push(...(await this.dataSource.query(
        `SELECT id::text, procedure_id, entity_type, entity_id, contribution_id, variant_id, status, flagged, public, moderation
         FROM live_events WHERE id = ANY($1::bigint[]) AND procedure_id = ANY($2::uuid[]) ORDER BY id`,
        [announced, procedures],
      )));
    }
    if (scan) {
      const scanned: EventRow[] = await this.dataSource.query(
        `SELECT id::text, procedure_id, entity_type, entity_id, contribution_id, variant_id, status, flagged, public, moderation
         FROM live_events WHERE id > $1 ORDER BY id LIMIT 5000`,
        // a little behind the highest id seen: ids are taken before commit, so a lower one can commit
        // later, and its notification is lost when it came while the listener was reconnecting
        [(scanFrom > RESCAN ? scanFrom - RESCAN : 0n).toString()],
      );
      if (scanned.length && BigInt(scanned[scanned.length - 1].id) > this.lastSeen) this.lastSeen = BigInt(scanned[scanned.length - 1].id);
      const known = new Set(rows.map((r) => r.id));
      rows.push(...scanned.filter((r) => !known.has(r.id) && !this.dispatched.has(r.id) && procedures.includes(r.procedure_id)));
      rows.sort((a, b) => (BigInt(a.id) < BigInt(b.id) ? -1 : 1));
    }
    const fresh = rows.filter((r) => !this.dispatched.has(r.id));
    // All payloads are read before anything is sent: a read that fails sends nothing, and is retried.
    // Per procedure and channel: its messages (each one object, sent to every stream as it is) and its streams.
    const outgoing: { messages: LiveMessage[]; ids: bigint[]; subscribers: Subscriber[] }[] = [];
    const groups = new Map<string, (typeof outgoing)[number]>();
    const byProcedure = new Map<string, EventRow[]>();
    for (const row of fresh) {
      const rowsOf = byProcedure.get(row.procedure_id);
      if (rowsOf) rowsOf.push(row);
      else byProcedure.set(row.procedure_id, [row]);
    }
    for (const subscriber of this.subscribers) {
      const events = byProcedure.get(subscriber.procedureId);
      if (!events) continue;
      const key = `${subscriber.procedureId}/${subscriber.channel}`;
      let group = groups.get(key);
      if (!group) {
        const messages = await this.messages(subscriber.channel, events);
        group = { messages, ids: messages.map((m) => BigInt(m.id)), subscribers: [] };
        groups.set(key, group);
        outgoing.push(group);
      }
      group.subscribers.push(subscriber);
    }
    for (const { messages, ids, subscribers } of outgoing) {
      for (const subscriber of subscribers) {
        for (let i = 0; i < messages.length; i++) {
          if (ids[i] <= subscriber.replayedUpTo) continue;
          if (subscriber.buffer) subscriber.buffer.push(messages[i]);
          else subscriber.send(messages[i]);
        }
      }
    }
    for (const row of fresh) this.dispatched.add(row.id);
    for (const id of this.dispatched) {
      if (this.dispatched.size <= Number(RESCAN) * 2) break;
      this.dispatched.delete(id);
    }
  }

  /** The messages a channel carries for these events, payloads read now. */
  private async messages(channel: LiveChannel, events: EventRow[]): Promise<LiveMessage[]> {
    if (channel === 'moderation') {
      return events.filter((e) => e.moderation).map((e) => ({
        id: e.id,
        event: 'queue',
        data: { kind: e.entity_type, id: e.entity_id, contributionId: e.contribution_id, variantId: e.variant_id, status: e.status, flagged: e.flagged },
      }));
    }
    const visible = events.filter((e) => e.public);
    const idsOf = (type: EventRow['entity_type']) => [...new Set(visible.filter((e) => e.entity_type === type).map((e) => e.entity_id))];
    const contributionIds = idsOf('contribution');
    const commentIds = idsOf('comment');
    const contributions = new Map<string, { contribution: unknown; feature: unknown }>();
    const comments = new Map<string, unknown>();
    const variants = new Map<string, unknown>();
    const variantComments = new Map<string, unknown>();
    for (const [type, sql, into, column] of [
      ['variant', PUBLIC_VARIANTS, variants, 'variant'],
      ['variant-comment', PUBLIC_VARIANT_COMMENTS, variantComments, 'comment'],
    ] as const) {
      const ids = idsOf(type);
      if (ids.length) for (const row of await this.dataSource.query(sql, [ids])) into.set(row.id, row[column]);
    }
    if (contributionIds.length) {
      for (const row of await this.dataSource.query(PUBLIC_CONTRIBUTIONS, [contributionIds])) {
        contributions.set(row.id, { contribution: row.contribution, feature: row.feature });
      }
    }
    if (commentIds.length) {
      for (const row of await this.dataSource.query(PUBLIC_COMMENTS, [commentIds])) comments.set(row.id, row.comment);
    }
    return visible.map((e) => {
      if (e.entity_type === 'variant' || e.entity_type === 'variant-comment') {
        const current = (e.entity_type === 'variant' ? variants : variantComments).get(e.entity_id);
        return current
          ? { id: e.id, event: e.entity_type, data: current }
          : { id: e.id, event: `${e.entity_type}-removed`, data: { id: e.entity_id, variantId: e.variant_id } };
      }
      if (e.entity_type === 'contribution') {
        const current = contributions.get(e.entity_id);
        return current
          ? { id: e.id, event: 'contribution', data: current }
          : { id: e.id, event: 'contribution-removed', data: { id: e.entity_id, contributionId: e.contribution_id } };
      }
      const comment = comments.get(e.entity_id);
      return comment
        ? { id: e.id, event: 'comment', data: comment }
        : { id: e.id, event: 'comment-removed', data: { id: e.entity_id, contributionId: e.contribution_id } };
    });
  }

  /**
   * Starts a stream: live events are held back while the events after `lastEventId` are replayed
   * (the latest per item, as it is now), then flow. A position the journal no longer holds gets a
   * `reset` event: the client reloads instead.
   */
  async subscribe(connection: LiveConnection, lastEventId: string | undefined): Promise<() => void> {
    const subscriber: Subscriber = { ...connection, replayedUpTo: 0n, buffer: [] };
    this.subscribers.add(subscriber);
    const unsubscribe = () => this.subscribers.delete(subscriber);
    try {
      const [bounds] = await this.dataSource.query(
        `SELECT coalesce(min(id), 0)::text AS min, coalesce(max(id), 0)::text AS max FROM live_events`,
      );
      const max = BigInt(bounds.max);
      const from = lastEventId !== undefined && /^\d{1,18}$/.test(lastEventId) ? BigInt(lastEventId) : null;
      if (from === null) {
        subscriber.replayedUpTo = max;
      } else if (from > max || (from < BigInt(bounds.min) - 1n)) {
        connection.send({ id: max.toString(), event: 'reset', data: { reason: 'the stream cannot resume from this position; reload' } });
        subscriber.replayedUpTo = max;
      } else {
        const flag = connection.channel === 'public' ? 'public' : 'moderation';
        const events: EventRow[] = await this.dataSource.query(
          `SELECT * FROM (
             SELECT DISTINCT ON (entity_id) id::text, procedure_id, entity_type, entity_id, contribution_id, variant_id, status,
                    flagged, public, moderation
             FROM live_events WHERE procedure_id = $1 AND id > $2 AND id <= $3 AND ${flag}
             ORDER BY entity_id, id DESC) latest
           ORDER BY id::bigint LIMIT $4`,
          [connection.procedureId, from.toString(), max.toString(), REPLAY_LIMIT + 1],
        );
        if (events.length > REPLAY_LIMIT) {
          connection.send({ id: max.toString(), event: 'reset', data: { reason: 'too much happened since this position; reload' } });
        } else {
          for (const message of await this.messages(connection.channel, events)) connection.send(message);
        }
        subscriber.replayedUpTo = max;
      }
      for (const message of subscriber.buffer ?? []) {
        if (BigInt(message.id) > subscriber.replayedUpTo) connection.send(message);
      }
      subscriber.buffer = null;
    } catch (error) {
      unsubscribe();
      throw error;
    }
    return unsubscribe;
  }

  private async beat(): Promise<void> {
    for (const subscriber of [...this.subscribers]) {
      try {
        if (subscriber.stillAllowed && !(await subscriber.stillAllowed())) {
          this.subscribers.delete(subscriber);
          subscriber.close();
          continue;
        }
        subscriber.send({ id: '', event: '', data: null });
      } catch {
        this.subscribers.delete(subscriber);
        subscriber.close();
      }
    }
  }
}
