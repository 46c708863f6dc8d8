import * as http from 'node:http';
import * as net from 'node:net';
import type { AddressInfo } from 'node:net';
import type { Request, Response } from 'express';
import type { DataSource } from 'typeorm';
import type { PlannerSessions } from '@stadtdialog/api/access';
import { LIVE_UNSENT_LIMIT, LiveController } from './live.controller';
import type { LiveConnection, LiveEvents } from './live-events';

/** The controller on a real HTTP server, with the journal replaced: the test holds each stream's connection. */
async function serve(): Promise<{ port: number; connections: LiveConnection[]; unsubscribed: LiveConnection[]; close: () => Promise<void> }> {
  const connections: LiveConnection[] = [];
  const unsubscribed: LiveConnection[] = [];
  const live = {
    connections: 0,
    maxConnections: 100,
    subscribe: async (connection: LiveConnection) => {
      connections.push(connection);
      return () => unsubscribed.push(connection);
    },
  } as unknown as LiveEvents;
  const dataSource = { query: async () => [{ id: 'p1' }] } as unknown as DataSource;
  const controller = new LiveController(live, dataSource, {} as PlannerSessions);
  const server = http.createServer((request, response) => {
    const express = Object.assign(response, { status: (code: number) => ((response.statusCode = code), express) });
    void controller.publicStream('gruene-mitte', Object.assign(request, { query: {} }) as unknown as Request, express as unknown as Response);
  });
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  return {
    port: (server.address() as AddressInfo).port,
    connections,
    unsubscribed,
    close: () => {
      server.closeAllConnections();
      return new Promise((done) => server.close(() => done()));
    },
  };
}

const until = async (test: () => boolean) => {
  for (let i = 0; i < 200 && !test(); i++) await new Promise((r) => setTimeout(r, 10));
};

describe('LiveController streams', () => {
  it('sends each event as one chunk of the HTTP/1.1 body that an HTTP client reads as the event, to every stream', async () => {
    const server = await serve();
    try {
      const bodies = ['', ''];
      const ended = [false, false];
      for (const i of [0, 1]) {
        http.get({ port: server.port, host: '127.0.0.1', path: '/' }, (response) => {
          expect(response.headers['content-type']).toBe('text/event-stream; charset=utf-8');
          expect(response.headers['transfer-encoding']).toBe('chunked');
          response.setEncoding('utf8');
          response.on('data', (text) => (bodies[i] += text));
          response.on('end', () => (ended[i] = true));
        });
      }
      await until(() => server.connections.length === 2 && bodies.every((b) => b.length > 0));
      const message = { id: '7', event: 'contribution', data: { id: 'k1', title: 'Bänke für den Park' } };
      for (const connection of server.connections) connection.send(message);
      for (const connection of server.connections) connection.send({ id: '', event: '', data: null });
      for (const connection of server.connections) connection.close();
      await until(() => ended.every(Boolean));
      for (const body of bodies) {
        expect(body).toBe(`retry: 3000\n\nid: 7\nevent: contribution\ndata: {"id":"k1","title":"Bänke für den Park"}\n\n: keep-alive\n\n`);
      }
    } finally {
      await server.close();
    }
  });

  it('drops a stream whose reader stopped reading once more than the limit waits unsent, instead of holding it all', async () => {
    const server = await serve();
    try {
      const socket = net.connect(server.port, '127.0.0.1', () => socket.write('GET / HTTP/1.1\r\nHost: x\r\n\r\n'));
      socket.on('error', () => undefined);
      await until(() => server.connections.length === 1);
      // the reader reads nothing from here on
      socket.pause();
      const big = { id: '1', event: 'contribution', data: { text: 'x'.repeat(100_000) } };
      let sent = 0;
      for (; sent < 300 && server.unsubscribed.length === 0; sent++) {
        server.connections[0].send({ ...big, id: String(sent + 1) });
        await new Promise((r) => setTimeout(r, 1));
      }
      // the server let it go once the kernel's buffers and the limit were full, well before 30 MB were written
      expect(server.unsubscribed).toHaveLength(1);
      expect(sent).toBeLessThan(300);
      socket.destroy();
    } finally {
      await server.close();
    }
  });
});
