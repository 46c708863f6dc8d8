import { randomBytes } from 'node:crypto';
import { DataSource } from 'typeorm';
import { seedDemoVariants } from './demo-variants';
import {
  ContributionGeometry,
  DEFAULT_PROCEDURE_SETTINGS,
  MapConfiguration,
  MultiPolygon,
  Position,
} from '@stadtdialog/shared/contract';

export const DEMO_SLUG = 'gruene-mitte-altona';

/** The former rail yard north of Altona station, drawn by hand. */
const PLANNING_AREA: MultiPolygon = {
  type: 'MultiPolygon',
  coordinates: [[[
    [9.9268, 53.5556], [9.9312, 53.5549], [9.9371, 53.5553], [9.9405, 53.5571], [9.9412, 53.5603],
    [9.939, 53.5632], [9.9338, 53.5648], [9.929, 53.5641], [9.9259, 53.5615], [9.9251, 53.5584], [9.9268, 53.5556],
  ]]],
};

const CATEGORIES = [
  { name: 'Grün & Freiraum', en: 'Green & open space', colour: '#2e7d32', icon: 'tree' },
  { name: 'Verkehr & Wege', en: 'Traffic & paths', colour: '#1565c0', icon: 'bicycle' },
  { name: 'Spiel & Sport', en: 'Play & sport', colour: '#ef6c00', icon: 'ball' },
  { name: 'Wohnen & Nachbarschaft', en: 'Housing & neighbourhood', colour: '#6a1b9a', icon: 'house' },
  { name: 'Klima & Wasser', en: 'Climate & water', colour: '#00838f', icon: 'drop' },
];

const RUBRICS = [
  { kind: 'idea', name: 'Idee', en: 'Idea' },
  { kind: 'criticism', name: 'Kritik', en: 'Criticism' },
  { kind: 'question', name: 'Frage', en: 'Question' },
];

const TOPICS: [string, string][][] = [
  [
    ['Mehr Bäume entlang der Promenade', 'Schattige Bäume würden den Weg im Sommer deutlich angenehmer machen.'],
    ['Blühwiese statt Rasen', 'Eine Wildblumenwiese hilft Insekten und braucht weniger Pflege.'],
    ['Gemeinschaftsgarten', 'Hochbeete für die Nachbarschaft, betreut von einem Verein.'],
    ['Ruhige Ecke mit Bänken', 'Ein Ort zum Ausruhen abseits der Hauptwege fehlt bisher.'],
  ],
  [
    ['Fahrradstraße durchgehend', 'Die Verbindung zum Bahnhof sollte ohne Unterbrechung befahrbar sein.'],
    ['Sichere Querung', 'Hier queren viele Kinder auf dem Schulweg, eine Ampel oder Zebrastreifen fehlt.'],
    ['Zu wenige Fahrradbügel', 'Am Eingang stehen die Räder überall, es braucht mehr Abstellplätze.'],
    ['Barrierefreier Weg', 'Die Rampe ist zu steil für Rollstühle und Kinderwagen.'],
  ],
  [
    ['Spielplatz für Kleinkinder', 'Für die Kleinsten gibt es in der Nähe nichts Passendes.'],
    ['Basketballfeld', 'Jugendliche wünschen sich einen Platz zum Spielen am Abend.'],
    ['Calisthenics-Geräte', 'Outdoor-Fitness für alle Altersgruppen, kostenlos nutzbar.'],
    ['Bolzplatz erhalten', 'Der bisherige Bolzplatz wird viel genutzt und sollte bleiben.'],
  ],
  [
    ['Treffpunkt für die Nachbarschaft', 'Ein überdachter Platz für Feste und Flohmärkte.'],
    ['Lärm durch Gastronomie', 'Wie wird verhindert, dass es abends zu laut wird?'],
    ['Bezahlbare Wohnungen', 'Wie hoch wird der Anteil geförderter Wohnungen sein?'],
    ['Erdgeschosse beleben', 'Kleine Läden und Werkstätten statt leerer Fassaden.'],
  ],
  [
    ['Regenwasser sichtbar machen', 'Offene Rinnen und Mulden statt Kanäle, nach dem Schwammstadt-Prinzip.'],
    ['Trinkbrunnen', 'An heißen Tagen fehlt Trinkwasser im öffentlichen Raum.'],
    ['Versiegelung reduzieren', 'Der Platz ist fast vollständig gepflastert, das heizt sich stark auf.'],
    ['Gründächer', 'Die Dächer der Neubauten sollten begrünt werden.'],
  ],
];

const COMMENTS = [
  'Das sehe ich genauso.',
  'Gute Idee, aber wer pflegt das später?',
  'Bitte auch an ältere Menschen denken.',
  'Das wurde schon beim letzten Workshop besprochen.',
  'Unbedingt, das fehlt hier seit Jahren.',
];

/** A small deterministic generator, so every fresh demo looks the same. */
function mulberry32(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function inside(p: Position, ring: Position[]): boolean {
  let result = false;
  for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
    const [xi, yi] = ring[i];
    const [xj, yj] = ring[j];
    if (yi > p[1] !== yj > p[1] && p[0] < ((xj - xi) * (p[1] - yi)) / (yj - yi) + xi) result = !result;
  }
  return result;
}

function demoGeometry(random: () => number, index: number): ContributionGeometry {
  const ring = PLANNING_AREA.coordinates[0][0];
  let centre: Position;
  do {
    centre = [9.9262 + random() * 0.0142, 53.5556 + random() * 0.0085];
  } while (!inside(centre, ring));
  const r = (n: number) => Math.round(n * 1e6) / 1e6;
  const [x, y] = centre;
  const dx = 0.0004 + random() * 0.0005;
  const dy = 0.00025 + random() * 0.0003;
  if (index % 5 === 3) {
    return { type: 'LineString', coordinates: [[r(x - dx), r(y - dy)], [r(x), r(y + dy / 2)], [r(x + dx), r(y)]] };
  }
  if (index % 5 === 4) {
    return {
      type: 'Polygon',
      coordinates: [[[r(x - dx), r(y - dy)], [r(x + dx), r(y - dy)], [r(x + dx), r(y + dy)], [r(x - dx), r(y + dy)], [r(x - dx), r(y - dy)]]],
    };
  }
  return { type: 'Point', coordinates: [r(x), r(y)] };
}

/**
 * Creates the demo procedure on an empty database: a Hamburg planning area, five categories,
 * three rubrics, phases around `now`, and about fifty published contributions with comments and
 * ratings. Returns false when procedures already exist.
 */
export async function seedDemo(dataSource: DataSource, options: { baseMapUrl: string; now?: Date }): Promise<boolean> {
  const now = options.now ?? new Date();
  const day = 24 * 3600 * 1000;
  const at = (days: number) => new Date(now.getTime() + days * day).toISOString();
  const random = mulberry32(20261128);

  return dataSource.transaction(async (tx) => {
    const [{ count }] = await tx.query(`SELECT count(*)::int AS count FROM procedures`);
    if (count > 0) return false;

    const map: MapConfiguration = {
      projection: 'EPSG:3857',
      center: [9.9332, 53.5598],
      zoom: 15,
      layers: [
        { id: 'osm', kind: 'xyz', role: 'base', title: 'OpenStreetMap', url: options.baseMapUrl, visible: true,
          attribution: '© OpenStreetMap contributors' },
      ],
    };
    const [procedure] = await tx.query(
      `INSERT INTO procedures (slug, title, summary, description, planning_area, map_config, settings, translations)
       VALUES ($1, $2, $3, $4, ST_Multi(ST_SetSRID(ST_GeomFromGeoJSON($5), 4326)), $6, $7, $8) RETURNING id`,
      [
        DEMO_SLUG,
        'Grüne Mitte Altona',
        'Wie soll der neue Park zwischen Bahnhof und Neubauquartier aussehen? Ihre Ideen auf der Karte.',
        'Auf dem früheren Bahngelände in Altona entsteht ein Park mit Wegen, Spiel- und Sportflächen. ' +
          'Bevor geplant wird, sammeln wir Ihre Hinweise: Was fehlt, was soll bleiben, wo drückt der Schuh? ' +
          'Setzen Sie Ihre Beiträge direkt auf die Karte, kommentieren und bewerten Sie die Beiträge anderer.',
        JSON.stringify(PLANNING_AREA),
        JSON.stringify(map),
        JSON.stringify(DEFAULT_PROCEDURE_SETTINGS),
        JSON.stringify({
          en: {
            title: 'Green Centre Altona',
            summary: 'What should the new park between the station and the new quarter look like? Your ideas on the map.',
            description:
              'On the former railway land in Altona, a park with paths, play and sports areas is being built. ' +
              'Before we plan, we collect your suggestions: what is missing, what should stay, where does the shoe pinch? ' +
              'Put your contributions straight on the map, and comment on and rate those of others.',
          },
        }),
      ],
    );
    const procedureId: string = procedure.id;

    const phases: [string, string, string, number, number][] = [
      ['information', 'Information', 'Information', -30, -7],
      ['participation', 'Online-Beteiligung', 'Online participation', -7, 21],
      ['conception', 'Entwurf', 'Design', 21, 60],
      ['evaluation', 'Auswertung', 'Evaluation', 60, 90],
    ];
    for (const [kind, title, en, from, to] of phases) {
      await tx.query(
        `INSERT INTO phases (procedure_id, kind, title, starts_at, ends_at, translations) VALUES ($1, $2, $3, $4, $5, $6)`,
        [procedureId, kind, title, at(from), at(to), JSON.stringify({ en: { title: en } })],
      );
    }
    const categoryIds: string[] = [];
    for (const [position, c] of CATEGORIES.entries()) {
      const [row] = await tx.query(
        `INSERT INTO categories (procedure_id, name, colour, icon, position, translations) VALUES ($1, $2, $3, $4, $5, $6) RETURNING id`,
        [procedureId, c.name, c.colour, c.icon, position, JSON.stringify({ en: { name: c.en } })],
      );
      categoryIds.push(row.id);
    }
    const rubricIds: string[] = [];
    for (const [position, r] of RUBRICS.entries()) {
      const [row] = await tx.query(
        `INSERT INTO rubrics (procedure_id, kind, name, position, translations) VALUES ($1, $2, $3, $4, $5) RETURNING id`,
        [procedureId, r.kind, r.name, position, JSON.stringify({ en: { name: r.en } })],
      );
      rubricIds.push(row.id);
    }
    await tx.query(
      `INSERT INTO appointments (procedure_id, title, description, starts_at, ends_at, place, location, translations)
       VALUES ($1, $2, $3, $4, $5, $6, ST_SetSRID(ST_MakePoint($7, $8), 4326), $9)`,
      [procedureId, 'Werkstatt am Planungstisch', 'Wir zeigen die Beiträge am Touch-Tisch und sammeln weitere Ideen.',
        at(10), new Date(Date.parse(at(10)) + 3 * 3600 * 1000).toISOString(), 'Bürgerhaus Altona, Saal 1', 9.9335, 53.5525,
        JSON.stringify({ en: { title: 'Workshop at the planning table', description: 'We show the contributions on the touch table and collect more ideas.' } })],
    );

    const participants: string[] = [];
    for (let i = 0; i < 20; i++) {
      const [row] = await tx.query(`INSERT INTO participants (token_hash) VALUES ($1) RETURNING id`, [randomBytes(32)]);
      participants.push(row.id);
    }

    for (let i = 0; i < 50; i++) {
      const categoryIndex = i % CATEGORIES.length;
      const [title, text] = TOPICS[categoryIndex][Math.floor(i / CATEGORIES.length) % 4];
      const rubricIndex = title.endsWith('?') || text.endsWith('?') ? 2 : i % 7 === 0 ? 1 : 0;
      const created = at(-7 + (i * 6.5) / 50);
      const [row] = await tx.query(
        `INSERT INTO contributions (procedure_id, category_id, rubric_id, participant_id, title, body, geom, status, source, created_at, updated_at)
         VALUES ($1, $2, $3, $4, $5, $6, ST_SetSRID(ST_GeomFromGeoJSON($7), 4326), 'published', $8, $9, $9) RETURNING id`,
        [procedureId, categoryIds[categoryIndex], rubricIds[rubricIndex], participants[i % participants.length], title, text,
          JSON.stringify(demoGeometry(random, i)), i % 6 === 5 ? 'workshop' : 'online', created],
      );
      const raters = Math.floor(random() * 8);
      for (let k = 0; k < raters; k++) {
        await tx.query(
          `INSERT INTO ratings (contribution_id, participant_id, value) VALUES ($1, $2, $3) ON CONFLICT DO NOTHING`,
          [row.id, participants[(i + k * 3 + 1) % participants.length], random() < 0.8 ? 1 : -1],
        );
      }
      if (i % 3 === 0) {
        const [comment] = await tx.query(
          `INSERT INTO comments (contribution_id, participant_id, body) VALUES ($1, $2, $3) RETURNING id`,
          [row.id, participants[(i + 5) % participants.length], COMMENTS[i % COMMENTS.length]],
        );
        if (i % 2 === 0) {
          await tx.query(`INSERT INTO comments (contribution_id, parent_id, participant_id, body) VALUES ($1, $2, $3, $4)`, [
            row.id, comment.id, participants[(i + 7) % participants.length], COMMENTS[(i + 1) % COMMENTS.length],
          ]);
        }
      }
    }
    await seedDemoVariants(tx, procedureId);
    return true;
  });
}
