'use strict';
/*
 * Loaded into the API process with `node --require` by bench/map.mjs only: appends the SQL text and
 * parameters of every map-layer query (features and clusters) the API sends through pg to a JSON
 * lines file, so the direct path runs exactly what the API ran for each view. The API's code is not
 * changed.
 */
const { appendFileSync } = require('node:fs');
const pg = require('pg');

const file = process.env.BENCH_CAPTURE_FILE;
const original = pg.Client.prototype.query;

pg.Client.prototype.query = function query(config, values, ...rest) {
  const text = typeof config === 'string' ? config : config && config.text;
  if (file && typeof text === 'string' && text.includes("'FeatureCollection'")) {
    appendFileSync(file, JSON.stringify({ text, values: Array.isArray(values) ? values : (config && config.values) || [] }) + '\n');
  }
  return original.call(this, config, values, ...rest);
};
