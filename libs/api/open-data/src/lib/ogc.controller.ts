import { Controller, Get, Param, Query, Req, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { CollectionInfo, OgcService } from './ogc.service';
import { ITEM_PARAMETERS, parseItemQuery } from './ogc-params';
import { ogcOpenApi } from './ogc-openapi';

const JSON_TYPE = 'application/json';
const GEOJSON = 'application/geo+json';
const OPENAPI = 'application/vnd.oai.openapi+json;version=3.0';
const CONFORMANCE = [
  'http://www.opengis.net/spec/ogcapi-features-1/1.0/conf/core',
  'http://www.opengis.net/spec/ogcapi-features-1/1.0/conf/geojson',
  'http://www.opengis.net/spec/ogcapi-features-1/1.0/conf/oas30',
];
const CRS84 = 'http://www.opengis.net/def/crs/OGC/1.3/CRS84';

/** The service's public address as the client reached it. */
function base(request: Request): string {
  return `${request.protocol}://${request.get('host')}/api/ogc`;
}

/** The media type exactly as declared (express's send would add a charset, which OGC clients compare). */
function send(response: Response, type: string, body: unknown): void {
  response.status(200).setHeader('Content-Type', type);
  response.end(JSON.stringify(body));
}

/**
 * OGC API – Features Part 1 (core, GeoJSON, OpenAPI 3.0) at /api/ogc, for GIS clients (QGIS, GDAL).
 * Its own OpenAPI document is at /api/ogc/api, so this controller stays out of the app's reference.
 */
@ApiExcludeController()
@Controller('ogc')
export class OgcController {
  constructor(private readonly ogc: OgcService) {}

  @Get()
  landing(@Req() request: Request, @Res() response: Response): void {
    const url = base(request);
    send(response, JSON_TYPE, {
      title: 'Stadtdialog – offene Daten / open data',
      description: 'Published contributions and planning areas of the public participation procedures (OGC API – Features).',
      links: [
        { href: url, rel: 'self', type: JSON_TYPE, title: 'this document' },
        { href: `${url}/api`, rel: 'service-desc', type: OPENAPI, title: 'the API definition' },
        { href: `${url}/conformance`, rel: 'conformance', type: JSON_TYPE, title: 'conformance classes' },
        { href: `${url}/collections`, rel: 'data', type: JSON_TYPE, title: 'collections' },
      ],
    });
  }

  @Get('conformance')
  conformance(@Res() response: Response): void {
    send(response, JSON_TYPE, { conformsTo: CONFORMANCE });
  }

  @Get('api')
  api(@Req() request: Request, @Res() response: Response): void {
    send(response, OPENAPI, ogcOpenApi(base(request)));
  }

  private collectionJson(url: string, c: CollectionInfo) {
    return {
      id: c.id,
      title: c.title,
      description: c.description,
      itemType: 'feature',
      crs: [CRS84],
      extent: { spatial: { bbox: [c.bbox], crs: CRS84 }, temporal: { interval: [c.temporal], trs: 'http://www.opengis.net/def/uom/ISO-8601/0/Gregorian' } },
      links: [
        { href: `${url}/collections/${c.id}`, rel: 'self', type: JSON_TYPE, title: c.title },
        { href: `${url}/collections/${c.id}/items`, rel: 'items', type: GEOJSON, title: c.title },
      ],
    };
  }

  @Get('collections')
  async collections(@Req() request: Request, @Res() response: Response): Promise<void> {
    const url = base(request);
    const collections = await this.ogc.collections();
    send(response, JSON_TYPE, {
      links: [{ href: `${url}/collections`, rel: 'self', type: JSON_TYPE, title: 'collections' }],
      collections: collections.map((c) => this.collectionJson(url, c)),
    });
  }

  @Get('collections/:collectionId')
  async collection(@Param('collectionId') id: string, @Req() request: Request, @Res() response: Response): Promise<void> {
    send(response, JSON_TYPE, this.collectionJson(base(request), await this.ogc.collection(id)));
  }

  @Get('collections/:collectionId/items')
  async items(
    @Param('collectionId') id: string, @Query() raw: Record<string, unknown>, @Req() request: Request, @Res() response: Response,
  ): Promise<void> {
    const query = parseItemQuery(raw);
    const page = await this.ogc.items(id, query);
    const self = `${base(request)}/collections/${id}/items`;
    // next and prev keep every parameter of this request and change only the offset
    const link = (offset: number, rel: string) => {
      const params = new URLSearchParams();
      for (const name of ITEM_PARAMETERS) if (name !== 'offset' && typeof raw[name] === 'string') params.set(name, raw[name] as string);
      if (offset > 0) params.set('offset', String(offset));
      const search = params.toString();
      return { href: `${self}${search ? `?${search}` : ''}`, rel, type: GEOJSON, title: rel };
    };
    const links = [link(query.offset, 'self'), { href: `${base(request)}/collections/${id}`, rel: 'collection', type: JSON_TYPE, title: 'the collection' }];
    if (query.offset + page.features.length < page.numberMatched) links.push(link(query.offset + query.limit, 'next'));
    if (query.offset > 0) links.push(link(Math.max(0, query.offset - query.limit), 'prev'));
    send(response, GEOJSON, {
      type: 'FeatureCollection',
      features: page.features,
      numberMatched: page.numberMatched,
      numberReturned: page.features.length,
      timeStamp: new Date().toISOString(),
      links,
    });
  }

  @Get('collections/:collectionId/items/:featureId')
  async item(@Param('collectionId') id: string, @Param('featureId') featureId: string, @Req() request: Request, @Res() response: Response): Promise<void> {
    const feature = (await this.ogc.item(id, featureId)) as Record<string, unknown>;
    const url = `${base(request)}/collections/${id}`;
    send(response, GEOJSON, {
      ...feature,
      links: [
        { href: `${url}/items/${encodeURIComponent(featureId)}`, rel: 'self', type: GEOJSON, title: 'this feature' },
        { href: url, rel: 'collection', type: JSON_TYPE, title: 'the collection' },
      ],
    });
  }
}
