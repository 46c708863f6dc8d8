/*
 * The database's own limit, over HTTP like the API: a bare node:http server with a pg Pool of the
 * API's size. GET /features runs the API's captured map query; POST /contributions runs one INSERT.
 * Started by bench/run.mjs as its own process, as the API is.
 */
import { createServer } from 'node:http';
import { readFileSync } from 'node:fs';
import pg from 'pg';

const { BENCH_DB_URL, BENCH_CAPTURED, BENCH_POOL_SIZE, BENCH_INSERT } = process.env;
const captured = JSON.parse(readFileSync(BENCH_CAPTURED, 'utf8'));
const insert = JSON.parse(BENCH_INSERT);
const pool = new pg.Pool({ connectionString: BENCH_DB_URL, max: Number(BENCH_POOL_SIZE), idleTimeoutMillis: 0 });

function fail(response, error) {
  response.writeHead(500, { 'content-type': 'text/plain' });
  response.end(String(error && error.message));
}

const server = createServer((request, response) => {
  if (request.method === 'GET' && request.url.startsWith('/features')) {
    pool.query(captured.text, captured.values).then((result) => {
      response.writeHead(200, { 'content-type': 'application/geo+json' });
      response.end(result.rows[0].collection);
    }, (error) => fail(response, error));
    return;
  }
  if (request.method === 'POST' && request.url === '/contributions') {
    request.resume();
    request.on('end', () => {
      pool.query(
        `INSERT INTO contributions (procedure_id, category_id, rubric_id, title, body, geom, status, source)
         VALUES ($1, $2, $3, $4, $5, ST_SetSRID(ST_GeomFromGeoJSON($6), 4326), 'published', 'online') RETURNING id`,
        [insert.procedureId, insert.categoryId, insert.rubricId, insert.title, insert.text, JSON.stringify(insert.geometry)],
      ).then((result) => {
        response.writeHead(201, { 'content-type': 'application/json' });
        response.end(JSON.stringify({ id: result.rows[0].id }));
      }, (error) => fail(response, error));
    });
    return;
  }
  response.writeHead(404).end();
});

server.listen(0, '127.0.0.1', () => console.log(`direct server on ${server.address().port}`));
process.on('SIGTERM', () => server.close(() => pool.end().then(() => process.exit(0))));
