import { randomBytes } from 'node:crypto';
import { DataSource } from 'typeorm';
import { SeededProcedure, seedParticipant, seedProcedure } from './participation-fixtures';

export interface EvaluationProcedure extends SeededProcedure {
  secondCategoryId: string;
  secondRubricId: string;
  /** the workshop "Tisch 1", where Zebrastreifen and Abgelehnt were made */
  workshopId: string;
  /** ids by title */
  contributions: Record<string, string>;
  /** "Variante Park" (published) and "Entwurf Plaza" (not published), by title */
  variants: Record<string, string>;
}

/** Text whose key terms the tests know: Bäume three times, Radweg twice, Hauptstraße once. */
export const KNOWN_TEXT = {
  title: 'Mehr Bäume an der Hauptstraße',
  body: 'Bitte pflanzt Bäume und baut einen sicheren Radweg. Der Baum vor der Schule fehlt.',
  comment: 'Ein Radweg wäre gut.',
};

/**
 * A procedure with two categories and rubrics and contributions in every status, with comments in
 * several statuses, ratings of several participants, a line and a polygon and one without location.
 */
export async function seedEvaluationProcedure(ds: DataSource, slug: string, options: { internal?: boolean } = {}): Promise<EvaluationProcedure> {
  const base = await seedProcedure(ds, slug, { internal: options.internal });
  const [{ id: secondCategoryId }] = await ds.query(
    `INSERT INTO categories (procedure_id, name, colour, position) VALUES ($1, 'Verkehr', '#1565c0', 1) RETURNING id`, [base.id],
  );
  const [{ id: secondRubricId }] = await ds.query(
    `INSERT INTO rubrics (procedure_id, kind, name, position) VALUES ($1, 'criticism', 'Kritik', 1) RETURNING id`, [base.id],
  );
  const people = [await seedParticipant(ds), await seedParticipant(ds), await seedParticipant(ds), await seedParticipant(ds)];
  const rows: [string, string, string, string, string | null, string, number, string][] = [
    // title, body, status, source, geometry WKT, category, days ago, participant
    [KNOWN_TEXT.title, KNOWN_TEXT.body, 'published', 'online', 'POINT(9.95 53.55)', base.categoryId, 3, people[0]],
    ['Zebrastreifen', 'Ein Zebrastreifen an der Kreuzung', 'published', 'workshop', 'LINESTRING(9.95 53.55, 9.96 53.56)', secondCategoryId, 2, people[1]],
    ['Spielplatz', 'Ein Spielplatz im Park', 'published', 'online', 'POLYGON((9.95 53.55, 9.96 53.55, 9.96 53.56, 9.95 53.55))', base.categoryId, 1, people[1]],
    ['Ohne Ort', 'Allgemeiner Hinweis', 'published', 'import', null, secondCategoryId, 0, people[2]],
    ['Wartet', 'Noch nicht freigegeben', 'pending', 'online', 'POINT(9.951 53.551)', base.categoryId, 0, people[3]],
    ['Versteckt', 'Beleidigung versteckt', 'hidden', 'online', 'POINT(9.952 53.552)', secondCategoryId, 1, people[3]],
    ['Abgelehnt', 'Abgelehnter Beitrag', 'rejected', 'workshop', 'POINT(9.953 53.553)', base.categoryId, 2, people[3]],
  ];
  const [{ id: appointmentId }] = await ds.query(
    `INSERT INTO appointments (procedure_id, title, starts_at) VALUES ($1, 'Workshop im Stadtteilhaus', now()) RETURNING id`, [base.id],
  );
  const [{ id: workshopId }] = await ds.query(
    `INSERT INTO workshops (procedure_id, appointment_id, title, seats, key_hash, link_expires_at)
     VALUES ($1, $2, 'Tisch 1', '[{"side":"bottom"}]', $3, now() + interval '1 day') RETURNING id`,
    [base.id, appointmentId, randomBytes(32)],
  );
  const contributions: Record<string, string> = {};
  for (const [title, body, status, source, wkt, category, daysAgo, participant] of rows) {
    const rubric = source === 'workshop' ? secondRubricId : base.rubricId;
    const [{ id }] = await ds.query(
      `INSERT INTO contributions (procedure_id, category_id, rubric_id, participant_id, title, body, geom, status, source, created_at, workshop_id)
       VALUES ($1, $2, $3, $4, $5, $6, CASE WHEN $7::text IS NULL THEN NULL ELSE ST_GeomFromText($7, 4326) END, $8, $9,
               now() - $10 * interval '1 day', $11) RETURNING id`,
      [base.id, category, rubric, participant, title, body, wkt, status, source, daysAgo, source === 'workshop' ? workshopId : null],
    );
    contributions[title] = id;
  }
  const comment = (contribution: string, body: string, status: string, participant: string | null) =>
    ds.query(`INSERT INTO comments (contribution_id, participant_id, body, status) VALUES ($1, $2, $3, $4)`,
      [contributions[contribution], participant, body, status]);
  await comment(KNOWN_TEXT.title, KNOWN_TEXT.comment, 'published', people[1]);
  await comment(KNOWN_TEXT.title, 'Zustimmung', 'published', people[2]);
  await comment('Zebrastreifen', 'Unbedingt', 'published', people[0]);
  await comment('Zebrastreifen', 'Versteckter Kommentar', 'hidden', people[3]);
  await comment('Versteckt', 'Kommentar an verstecktem Beitrag', 'published', people[3]);
  const rate = (contribution: string, participant: string, value: 1 | -1) =>
    ds.query(`INSERT INTO ratings (participant_id, contribution_id, value) VALUES ($1, $2, $3)`, [participant, contributions[contribution], value]);
  await rate(KNOWN_TEXT.title, people[1], 1);
  await rate(KNOWN_TEXT.title, people[2], 1);
  await rate('Zebrastreifen', people[0], -1);
  await rate('Spielplatz', people[0], 1);
  await rate('Versteckt', people[3], 1);
  // Planning variants: one published with ratings and comments in three statuses, one not yet published.
  const variants: Record<string, string> = {};
  for (const [title, position, published] of [['Variante Park', 0, true], ['Entwurf Plaza', 1, false]] as const) {
    const [{ id }] = await ds.query(
      `INSERT INTO variants (procedure_id, title, position, published) VALUES ($1, $2, $3, $4) RETURNING id`, [base.id, title, position, published],
    );
    variants[title] = id;
  }
  const rateVariant = (variant: string, participant: string, value: 1 | -1) =>
    ds.query(`INSERT INTO variant_ratings (participant_id, variant_id, value) VALUES ($1, $2, $3)`, [participant, variants[variant], value]);
  await rateVariant('Variante Park', people[0], 1);
  await rateVariant('Variante Park', people[1], 1);
  await rateVariant('Variante Park', people[2], -1);
  await rateVariant('Entwurf Plaza', people[3], 1);
  const commentVariant = (variant: string, participant: string, body: string, status: string) =>
    ds.query(`INSERT INTO variant_comments (variant_id, participant_id, body, status) VALUES ($1, $2, $3, $4)`, [variants[variant], participant, body, status]);
  await commentVariant('Variante Park', people[0], 'Schöner Park mit Wiese', 'published');
  await commentVariant('Variante Park', people[1], 'Verborgene Variantenkritik', 'hidden');
  await commentVariant('Variante Park', people[2], 'Noch in Prüfung', 'pending');
  await commentVariant('Entwurf Plaza', people[3], 'Plaza gefällt', 'published');
  return { ...base, secondCategoryId, secondRubricId, workshopId, contributions, variants };
}
