import { LIMIT } from './ogc-params';

const problem = { description: 'problem', content: { 'application/problem+json': { schema: { type: 'object' } } } };
const json = (description: string) => ({ description, content: { 'application/json': { schema: { type: 'object' } } } });
const geojson = (description: string) => ({ description, content: { 'application/geo+json': { schema: { type: 'object' } } } });

/**
 * The OpenAPI 3.0 document of /api/ogc. GDAL and QGIS read the items parameters from it (limit's
 * default and maximum in components.parameters.limit), and `servers` is the address the client used.
 */
export function ogcOpenApi(url: string): object {
  const collectionId = { $ref: '#/components/parameters/collectionId' };
  return {
    openapi: '3.0.3',
    info: { title: 'Stadtdialog OGC API – Features', version: '1.0.0', description: 'Published contributions and planning areas, CRS84 (lon/lat).' },
    servers: [{ url }],
    paths: {
      '/': { get: { operationId: 'landing', summary: 'Landing page', responses: { 200: json('links to the API definition, conformance and collections') } } },
      '/conformance': { get: { operationId: 'conformance', summary: 'Conformance classes', responses: { 200: json('conformsTo') } } },
      '/api': { get: { operationId: 'api', summary: 'This document', responses: { 200: { description: 'OpenAPI 3.0' } } } },
      '/collections': { get: { operationId: 'collections', summary: 'The collections', responses: { 200: json('collections'), default: problem } } },
      '/collections/{collectionId}': {
        get: { operationId: 'collection', parameters: [collectionId], responses: { 200: json('one collection'), 404: problem, default: problem } },
      },
      '/collections/{collectionId}/items': {
        get: {
          operationId: 'items',
          summary: 'Features of a collection, ordered by time and id',
          parameters: [
            collectionId,
            { $ref: '#/components/parameters/limit' },
            { $ref: '#/components/parameters/offset' },
            { $ref: '#/components/parameters/bbox' },
            { $ref: '#/components/parameters/datetime' },
          ],
          responses: { 200: geojson('a FeatureCollection with numberMatched, numberReturned and next/prev links'), 400: problem, 404: problem, default: problem },
        },
      },
      '/collections/{collectionId}/items/{featureId}': {
        get: {
          operationId: 'item',
          parameters: [collectionId, { name: 'featureId', in: 'path', required: true, schema: { type: 'string' } }],
          responses: { 200: geojson('one Feature'), 404: problem, default: problem },
        },
      },
    },
    components: {
      parameters: {
        collectionId: { name: 'collectionId', in: 'path', required: true, schema: { type: 'string' } },
        limit: {
          name: 'limit', in: 'query', required: false, style: 'form', explode: false,
          description: `features per page; above ${LIMIT.maximum} the page is capped at ${LIMIT.maximum}`,
          schema: { type: 'integer', minimum: LIMIT.minimum, maximum: LIMIT.maximum, default: LIMIT.default },
        },
        offset: { name: 'offset', in: 'query', required: false, schema: { type: 'integer', minimum: 0, default: 0 }, description: 'features to skip (the next link sets it)' },
        bbox: {
          name: 'bbox', in: 'query', required: false, style: 'form', explode: false,
          description: 'minLon,minLat,maxLon,maxLat in CRS84',
          schema: { type: 'array', minItems: 4, maxItems: 6, items: { type: 'number' } },
        },
        datetime: {
          name: 'datetime', in: 'query', required: false, style: 'form', explode: false,
          description: 'an RFC 3339 time or an interval start/end (".." for an open end), on the creation time',
          schema: { type: 'string' },
        },
      },
    },
  };
}
