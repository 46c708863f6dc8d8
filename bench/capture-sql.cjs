'use strict';
/*
 * Loaded into the API process with `node --require` by the benchmark only: records the SQL text and
 * parameters of the first map-layer query the API sends through pg, so the direct path runs exactly
 * what the API runs, not a copy that drifts. The API's code is not changed.
 */
const { writeFileSync } = require('node:fs');
const pg = require('pg');

const file = process.env.BENCH_CAPTURE_FILE;
const original = pg.Client.prototype.query;
let captured = false;

pg.Client.prototype.query = function query(config, values, ...rest) {
  const text = typeof config === 'string' ? config : config && config.text;
  if (file && !captured && typeof text === 'string' && text.includes("'FeatureCollection'")) {
    captured = true;
    writeFileSync(file, JSON.stringify({ text, values: Array.isArray(values) ? values : (config && config.values) || [] }));
  }
  return original.call(this, config, values, ...rest);
};
