import { Controller, Get, HttpStatus, NotFoundException, Param, ParseUUIDPipe, Req, Res } from '@nestjs/common';
import type { Request, Response } from 'express';
import { DataSource } from 'typeorm';
import { PlannerSessions, RequireProcedureRole, SESSION_COOKIE, parseCookies } from '@stadtdialog/api/access';
import { ProblemException } from '@stadtdialog/api/http';
import { LiveChannel, LiveEvents, LiveMessage } from './live-events';

const uuid = new ParseUUIDPipe({ errorHttpStatusCode: HttpStatus.NOT_FOUND });

function lastEventId(request: Request): string | undefined {
  const header = request.headers['last-event-id'];
  const query = request.query['lastEventId'];
  return (Array.isArray(header) ? header[0] : header) ?? (typeof query === 'string' ? query : undefined);
}

/**
 * One message goes to every stream of its procedure as the same object: it is serialised once, not
 * once per connection (with thousands of streams that was most of the time an event took to leave).
 */
const frames = new WeakMap<LiveMessage, string>();
function frameOf(message: LiveMessage): string {
  let frame = frames.get(message);
  if (frame === undefined) {
    frame = `id: ${message.id}\nevent: ${message.event}\ndata: ${JSON.stringify(message.data)}\n\n`;
    frames.set(message, frame);
  }
  return frame;
}

const CRLF = Buffer.from('\r\n');
/** A text as one chunk of a chunked HTTP/1.1 body: its length in hex, the bytes, CRLF. */
function asChunk(text: string): Buffer {
  const bytes = Buffer.from(text, 'utf8');
  return Buffer.concat([Buffer.from(`${bytes.length.toString(16)}\r\n`, 'latin1'), bytes, CRLF]);
}
const chunks = new WeakMap<LiveMessage, Buffer>();
function chunkOf(message: LiveMessage): Buffer {
  let chunk = chunks.get(message);
  if (chunk === undefined) {
    chunk = asChunk(frameOf(message));
    chunks.set(message, chunk);
  }
  return chunk;
}
const KEEP_ALIVE = ': keep-alive\n\n';
const KEEP_ALIVE_CHUNK = asChunk(KEEP_ALIVE);
/**
 * What a stream may have waiting unsent (a reader that stopped reading): beyond it the stream is
 * closed, and the browser reconnects with Last-Event-ID and gets what it missed from the journal.
 */
export const LIVE_UNSENT_LIMIT = 1024 * 1024;

/** Server-Sent Events: one stream per procedure, resumable with Last-Event-ID. */
@Controller('v1/procedures')
export class LiveController {
  constructor(
    private readonly live: LiveEvents,
    private readonly dataSource: DataSource,
    private readonly sessions: PlannerSessions,
  ) {}

  /**
   * Public changes of a public procedure: `contribution` (the published contribution and its map
   * feature), `contribution-removed`, `comment`, `comment-removed`, `variant` (a published variant's
   * counters), `variant-removed`, `variant-comment`, `variant-comment-removed`, and `reset` (reload everything).
   */
  @Get(':slug/events')
  async publicStream(@Param('slug') slug: string, @Req() request: Request, @Res() response: Response): Promise<void> {
    const [procedure] = await this.dataSource.query(`SELECT id FROM public_procedures WHERE slug = $1`, [slug]);
    if (!procedure) throw new NotFoundException(`There is no public procedure "${slug}"`);
    await this.stream(request, response, procedure.id, 'public');
  }

  /** The moderation queue of a procedure: `queue` events with kind, id, status and flag of an item that changed. */
  @Get(':procedureId/moderation/events')
  @RequireProcedureRole('moderator')
  async moderationStream(
    @Param('procedureId', uuid) procedureId: string, @Req() request: Request, @Res() response: Response,
  ): Promise<void> {
    const [procedure] = await this.dataSource.query(`SELECT id FROM procedures WHERE id = $1`, [procedureId]);
    if (!procedure) throw new NotFoundException('There is no such procedure');
    const token = parseCookies(request.headers.cookie)[SESSION_COOKIE];
    const plannerId = (request as Request & { planner?: { id: string } }).planner?.id;
    await this.stream(request, response, procedureId, 'moderation', async () => {
      const planner = await this.sessions.resolve(token);
      if (!planner || planner.id !== plannerId) return false;
      if (planner.isAdmin) return true;
      const [m] = await this.dataSource.query(
        `SELECT 1 FROM procedure_memberships WHERE planner_id = $1 AND procedure_id = $2`, [planner.id, procedureId],
      );
      return !!m;
    });
  }

  private async stream(
    request: Request, response: Response, procedureId: string, channel: LiveChannel, stillAllowed?: () => Promise<boolean>,
  ): Promise<void> {
    if (this.live.connections >= this.live.maxConnections) {
      throw new ProblemException('too_many_live_connections', 'Too many live connections; try again later.', { headers: { 'Retry-After': '30' } });
    }
    response.status(200);
    response.setHeader('Content-Type', 'text/event-stream; charset=utf-8');
    response.setHeader('Cache-Control', 'no-cache, no-transform');
    response.setHeader('X-Accel-Buffering', 'no');
    response.flushHeaders();
    response.write('retry: 3000\n\n');
    let open = true;
    // An event goes to thousands of streams at once: where the body is chunked (HTTP/1.1) each stream
    // gets the event's one prepared chunk, written straight to its socket in order after the headers
    // (one write instead of four through the response, no text encoding per stream); otherwise
    // (HTTP/1.0: the body ends with the connection) through the response.
    const chunked = (response as Response & { chunkedEncoding?: boolean }).chunkedEncoding === true;
    const close = () => {
      if (!open) return;
      open = false;
      response.end();
    };
    const send = (message: LiveMessage) => {
      if (!open) return;
      const socket = response.socket;
      if (socket && socket.writableLength > LIVE_UNSENT_LIMIT) {
        // a reader that does not read: its connection goes (an end would wait behind the backlog)
        open = false;
        socket.destroy();
        return;
      }
      if (chunked && socket && !socket.destroyed) socket.write(message.event ? chunkOf(message) : KEEP_ALIVE_CHUNK);
      else response.write(message.event ? frameOf(message) : KEEP_ALIVE);
    };
    let unsubscribe: (() => void) | null = null;
    request.on('close', () => {
      open = false;
      unsubscribe?.();
    });
    try {
      unsubscribe = await this.live.subscribe({ procedureId, channel, send, close, stillAllowed }, lastEventId(request));
      if (!open) unsubscribe();
    } catch {
      close();
    }
  }
}
