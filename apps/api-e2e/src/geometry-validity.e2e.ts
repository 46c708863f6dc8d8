import fc from 'fast-check';
import { DataSource } from 'typeorm';
import { AppConfig, loadConfig } from '@stadtdialog/api/config';
import { ContributionsService } from '@stadtdialog/api/contributions';
import { OpenDatabase, ParticipantTokens, openDatabase } from '@stadtdialog/api/db';
import { FieldError, ProblemException } from '@stadtdialog/api/http';
import { FIELD_ERROR_CODES, PLANNING_AREA_MARGIN_METRES, Position } from '@stadtdialog/shared/contract';
import { ENGINE, TestDatabase, freshDatabase } from './server';

/*
 * Property: the API's verdict on a contribution geometry is PostGIS's own. Random points, lines and
 * polygons (snapped to a coarse grid so duplicate points, spikes, collinear rings, bow ties and
 * touching holes are common; also nearly degenerate ones a billionth of a degree wide, and the
 * extremes of the coordinate range) go through the service's write path in-process, on the same
 * database that answers `ST_IsValid` for the comparison.
 */

const quiet = { info: () => undefined, warn: () => undefined };
const RUNS = Number(process.env['PROPERTY_RUNS'] ?? 200);
/**
 * A fixed seed keeps CI repeatable: with a random seed one CI run on the embedded engine hung in the
 * demo-procedure property (no answer within the test timeout). PROPERTY_SEED=random explores anew.
 */
const SEED = process.env['PROPERTY_SEED'] === 'random' ? Date.now() : Number(process.env['PROPERTY_SEED'] ?? 20261128);
const BASE: Position = [9.93, 53.558];

type Geometry = { type: 'Point'; coordinates: Position } | { type: 'LineString'; coordinates: Position[] } | { type: 'Polygon'; coordinates: Position[][] };
type NewContribution = Parameters<ContributionsService['create']>[1];

/** PostGIS's verdict as the API names it: crossing edges are self_intersection, anything else invalid_geometry. */
function invalid(reason: string): FieldError {
  return {
    field: 'geometry', code: /self-intersection/i.test(reason) ? 'self_intersection' : 'invalid_geometry', reason,
    message: `the geometry is not valid: ${reason}`,
  };
}

interface Target {
  slug: string;
  categoryId: string;
  rubricId: string;
}

const round = (x: number, digits: number) => Number(x.toFixed(digits));

/** Few distinct values, so shapes touch, cross and repeat themselves. */
const grid = (step: number, digits: number): fc.Arbitrary<Position> =>
  fc.tuple(fc.integer({ min: -2, max: 2 }), fc.integer({ min: -2, max: 2 })).map(([i, j]) => [round(BASE[0] + i * step, digits), round(BASE[1] + j * step, digits)]);
/** Nearly degenerate: a billionth of a degree apart. */
const tiny: fc.Arbitrary<Position> = fc
  .tuple(fc.integer({ min: -3, max: 3 }), fc.integer({ min: -3, max: 3 }))
  .map(([i, j]) => [BASE[0] + i * 1e-9, BASE[1] + j * 1e-9]);
/** Anywhere, the edges of the range and subnormal numbers included. */
const anywhere: fc.Arbitrary<Position> = fc.tuple(
  fc.oneof(fc.constantFrom(-180, 180, 0, 5e-324, -5e-324), fc.double({ min: -180, max: 180, noNaN: true })),
  fc.oneof(fc.constantFrom(-90, 90, 0, 5e-324), fc.double({ min: -90, max: 90, noNaN: true })),
);

function shapes(position: fc.Arbitrary<Position>): fc.Arbitrary<Geometry> {
  const ring = fc.array(position, { minLength: 3, maxLength: 9 }).map((c) => [...c, c[0]]);
  return fc.oneof(
    position.map((coordinates) => ({ type: 'Point' as const, coordinates })),
    fc
      .array(position, { minLength: 2, maxLength: 8 })
      // a line of one repeated position is refused by the structural check before PostGIS sees it
      .filter((c) => c.some((p) => p[0] !== c[0][0] || p[1] !== c[0][1]))
      .map((coordinates) => ({ type: 'LineString' as const, coordinates })),
    fc.array(ring, { minLength: 1, maxLength: 3 }).map((coordinates) => ({ type: 'Polygon' as const, coordinates })),
  );
}

/** Shapes from one kind of position each, so a polygon is either all on the grid or all tiny. */
const nearHamburg = fc.oneof(
  { arbitrary: shapes(grid(0.001, 3)), weight: 5 },
  { arbitrary: shapes(grid(0.0004, 4)), weight: 2 },
  { arbitrary: shapes(tiny), weight: 2 },
);

describe(`contribution geometry: the API agrees with PostGIS (${ENGINE} engine)`, () => {
  let db: TestDatabase;
  let opened: OpenDatabase;
  let ds: DataSource;
  let service: ContributionsService;
  let everywhere: Target;
  let demo: Target;

  async function verdict(target: Target, geometry: Geometry): Promise<{ accepted: true } | { accepted: false; errors: FieldError[] }> {
    const body = { title: 'Eigenschaft', text: 'zufällige Geometrie', categoryId: target.categoryId, rubricId: target.rubricId, geometry };
    try {
      await service.create(target.slug, body as NewContribution, { scope: 'property test' });
      return { accepted: true };
    } catch (error) {
      // anything but a 422 (a 500 above all) fails the property with the error itself
      if (error instanceof ProblemException && error.getStatus() === 422) return { accepted: false, errors: error.errors ?? [] };
      throw error;
    }
  }

  /** PostGIS's answers, asked directly; `inside` is 'undefined' where the globe has no answer (an antipodal edge). */
  async function postgis(geometry: Geometry, procedureSlug: string): Promise<{ valid: boolean; reason: string; inside: boolean | 'undefined' }> {
    const [row] = await ds.query(
      `WITH g AS (SELECT ST_SetSRID(ST_GeomFromGeoJSON($1), 4326) AS geom)
       SELECT ST_IsValid(g.geom) AS valid, ST_IsValidReason(g.geom) AS reason, p.planning_area IS NULL AS everywhere
       FROM g, procedures p WHERE p.slug = $2`,
      [JSON.stringify(geometry), procedureSlug],
    );
    if (!row.valid) return { valid: row.valid, reason: row.reason, inside: false };
    // Size and place are measured on the globe, so an edge between antipodal points has no answer there.
    try {
      const [{ inside }] = await ds.query(
        `WITH g AS MATERIALIZED (SELECT ST_Force2D(ST_SetSRID(ST_GeomFromGeoJSON($1), 4326)) AS geom)
         SELECT ST_Area(g.geom::geography) AS area, ST_Length(g.geom::geography) AS length,
                CASE WHEN p.planning_area IS NULL THEN true
                     ELSE ST_CoveredBy(g.geom, ST_Buffer(p.planning_area::geography, $3)::geometry) END AS inside
         FROM g, procedures p WHERE p.slug = $2`,
        [JSON.stringify(geometry), procedureSlug, PLANNING_AREA_MARGIN_METRES],
      );
      return { valid: true, reason: row.reason, inside };
    } catch (error) {
      if (/antipodal/i.test((error as Error).message)) return { valid: true, reason: row.reason, inside: 'undefined' };
      throw error;
    }
  }

  beforeAll(async () => {
    db = await freshDatabase();
    // The size bounds have their own tests (hostile-input.e2e.ts); here any size passes.
    const config: AppConfig = loadConfig({
      ...db.env, SEED_DEMO: 'true', CONTRIBUTION_MAX_AREA: '1000000000000000', CONTRIBUTION_MAX_LENGTH: '1000000000',
    });
    opened = await openDatabase(config, quiet);
    ds = opened.dataSource;
    const [{ id }] = await ds.query(`INSERT INTO procedures (slug, title) VALUES ('ueberall', 'Ohne Planungsgebiet') RETURNING id`);
    await ds.query(`INSERT INTO phases (procedure_id, kind, starts_at, ends_at) VALUES ($1, 'participation', now() - interval '1 day', now() + interval '30 days')`, [id]);
    await ds.query(`INSERT INTO categories (procedure_id, name, colour) VALUES ($1, 'Alles', '#000000')`, [id]);
    await ds.query(`INSERT INTO rubrics (procedure_id, kind, name) VALUES ($1, 'idea', 'Idee')`, [id]);
    const targets: Target[] = await ds.query(
      `SELECT p.slug, (SELECT id FROM categories WHERE procedure_id = p.id LIMIT 1) AS "categoryId",
              (SELECT id FROM rubrics WHERE procedure_id = p.id LIMIT 1) AS "rubricId"
       FROM procedures p WHERE p.slug IN ('ueberall', 'gruene-mitte-altona') ORDER BY p.slug`,
    );
    [demo, everywhere] = targets;
    const participants = new ParticipantTokens(ds, config);
    await participants.onModuleInit();
    service = new ContributionsService(ds, participants, config);
  });

  afterAll(async () => {
    await ds?.destroy();
    await opened?.database.stop();
    await db?.drop();
  });

  it(`accepts a well-formed geometry exactly when ST_IsValid holds, and says PostGIS's reason otherwise (${RUNS} runs)`, async () => {
    const seen = { valid: 0, invalid: 0 };
    await fc.assert(
      fc.asyncProperty(fc.oneof({ arbitrary: nearHamburg, weight: 4 }, { arbitrary: shapes(anywhere), weight: 1 }), async (geometry) => {
        const expected = await postgis(geometry, everywhere.slug);
        const actual = await verdict(everywhere, geometry);
        seen[expected.valid ? 'valid' : 'invalid'] += 1;
        if (expected.inside === 'undefined') {
          expect(actual).toEqual({ accepted: false, errors: [{ field: 'geometry', code: 'antipodal_edge', message: expect.stringContaining('opposite points of the globe') }] });
        } else if (expected.valid) expect(actual).toEqual({ accepted: true });
        else expect(actual).toEqual({ accepted: false, errors: [invalid(expected.reason)] });
      }),
      { numRuns: RUNS, seed: SEED },
    );
    // both verdicts must be common, or the property proves little
    expect(seen.valid).toBeGreaterThan(RUNS / 5);
    expect(seen.invalid).toBeGreaterThan(RUNS / 5);
  });

  it(`accepts a geometry in the demo procedure exactly when it is valid and covered by the planning area grown by ${PLANNING_AREA_MARGIN_METRES} m (${RUNS} runs)`, async () => {
    const seen = { accepted: 0, outside: 0, invalid: 0 };
    const aroundArea = fc.oneof(shapes(grid(0.004, 3)), shapes(grid(0.0015, 4)), shapes(anywhere));
    await fc.assert(
      fc.asyncProperty(aroundArea, async (geometry) => {
        const expected = await postgis(geometry, demo.slug);
        const actual = await verdict(demo, geometry);
        if (!expected.valid) {
          seen.invalid += 1;
          expect(actual).toEqual({ accepted: false, errors: [invalid(expected.reason)] });
        } else if (expected.inside === 'undefined') {
          seen.outside += 1;
          expect(actual).toEqual({ accepted: false, errors: [{ field: 'geometry', code: 'antipodal_edge', message: expect.stringContaining('opposite points of the globe') }] });
        } else if (!expected.inside) {
          seen.outside += 1;
          expect(actual).toEqual({
            accepted: false,
            errors: [{ field: 'geometry', code: 'outside_planning_area', max: PLANNING_AREA_MARGIN_METRES, message: expect.stringContaining('outside the planning area') }],
          });
        } else {
          seen.accepted += 1;
          expect(actual).toEqual({ accepted: true });
        }
      }),
      { numRuns: RUNS, seed: SEED },
    );
    for (const count of Object.values(seen)) expect(count).toBeGreaterThan(RUNS / 10);
  });

  it('refuses structurally broken geometries with a 422 naming a geometry field, never a 500', async () => {
    const number = fc.oneof(fc.double(), fc.constantFrom(1e308, -1e308, 5e-324), fc.integer({ min: -200, max: 200 }));
    const loosePosition = fc.array(number, { minLength: 0, maxLength: 4 });
    const broken = fc.oneof(
      fc.record({ type: fc.constantFrom('Point', 'LineString', 'Polygon'), coordinates: loosePosition }),
      fc.record({ type: fc.constantFrom('LineString', 'Polygon'), coordinates: fc.array(loosePosition, { maxLength: 6 }) }),
      fc.record({ type: fc.constant('Polygon'), coordinates: fc.array(fc.array(fc.oneof(loosePosition, grid(0.001, 3)), { maxLength: 5 }), { maxLength: 3 }) }),
    );
    let refused = 0;
    await fc.assert(
      fc.asyncProperty(broken, async (geometry) => {
        const actual = await verdict(everywhere, geometry as Geometry);
        if (actual.accepted) return; // a random draw can be well-formed and valid
        refused += 1;
        expect(actual.errors).toHaveLength(1);
        expect(actual.errors[0].field).toMatch(/^geometry(\.|$)/);
        expect(FIELD_ERROR_CODES).toContain(actual.errors[0].code);
      }),
      { numRuns: RUNS, seed: SEED },
    );
    expect(refused).toBeGreaterThan(RUNS / 2);
  });
});
