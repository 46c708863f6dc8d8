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
    const send = (message: LiveMessage) => {
      if (!open) return;
      if (!message.event) {
        response.write(': keep-alive\n\n');
        return;
      }
      response.write(frameOf(message));
    };
    const close = () => {
      if (!open) return;
      open = false;
      response.end();
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
