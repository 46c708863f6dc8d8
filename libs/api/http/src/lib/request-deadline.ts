import type { NextFunction, Request, Response } from 'express';
import type { Problem } from '@stadtdialog/shared/contract';

/**
 * A request must have arrived, headers and body, within `ms`: a client that announces a large body
 * and sends a few bytes (or trickles it) gets a 408 problem and its connection is closed, instead of
 * holding the connection and a parser open. Node's own `requestTimeout` checks only every 30 s.
 */
export function requestDeadline(ms: number) {
  return (request: Request, response: Response, next: NextFunction): void => {
    if (request.complete || (!request.headers['content-length'] && !request.headers['transfer-encoding'])) {
      next();
      return;
    }
    const timer = setTimeout(() => {
      if (request.complete) return;
      if (!response.headersSent) {
        response.status(408).setHeader('Connection', 'close');
        response.type('application/problem+json').send(
          JSON.stringify({
            type: 'about:blank', title: 'Request timeout', status: 408, code: 'request_timeout',
            detail: `the request body did not arrive within ${Math.round(ms / 1000)} s`,
          } satisfies Problem),
        );
      }
      // The rest of the body is not waited for.
      response.on('finish', () => request.socket.destroy());
      if (response.writableFinished) request.socket.destroy();
    }, ms);
    timer.unref();
    const clear = () => clearTimeout(timer);
    request.once('end', clear);
    request.once('close', clear);
    response.once('finish', clear);
    next();
  };
}
