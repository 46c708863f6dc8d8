import sharp from 'sharp';
import { EntityManager } from 'typeorm';

/** A small plan drawing: a coloured ground with a lighter park band, made at seed time. */
async function planImage(ground: string, park: string, band: 'arc' | 'axis'): Promise<{ png: Buffer; width: number; height: number }> {
  const width = 480;
  const height = 320;
  const shape = band === 'arc'
    ? `<path d="M40 280 Q240 -40 440 280" stroke="${park}" stroke-width="70" fill="none"/>`
    : `<rect x="200" y="0" width="80" height="320" fill="${park}"/>`;
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}"><rect width="100%" height="100%" fill="${ground}"/>${shape}</svg>`;
  return { png: await sharp(Buffer.from(svg)).png().toBuffer(), width, height };
}

/** A one-page PDF with one line of text, valid enough for any viewer. */
function demoPdf(text: string): Buffer {
  const stream = `BT /F1 18 Tf 72 720 Td (${text}) Tj ET`;
  const objects = [
    '<< /Type /Catalog /Pages 2 0 R >>',
    '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
    '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> >>',
    `<< /Length ${stream.length} >>\nstream\n${stream}\nendstream`,
    '<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>',
  ];
  let body = '%PDF-1.4\n';
  const offsets: number[] = [];
  objects.forEach((object, i) => {
    offsets.push(body.length);
    body += `${i + 1} 0 obj\n${object}\nendobj\n`;
  });
  const xref = body.length;
  body += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n${offsets.map((o) => `${String(o).padStart(10, '0')} 00000 n \n`).join('')}`;
  body += `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R >>\nstartxref\n${xref}\n%%EOF\n`;
  return Buffer.from(body, 'latin1');
}

async function insertUpload(tx: EntityManager, procedureId: string, mediaType: string, fileName: string, content: Buffer, size?: { width: number; height: number }): Promise<string> {
  const [row] = await tx.query(
    `INSERT INTO uploads (procedure_id, media_type, file_name, byte_size, width, height, content) VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING id`,
    [procedureId, mediaType, fileName, content.length, size?.width ?? null, size?.height ?? null, content],
  );
  return row.id;
}

/** Two published variants for the conception phase, planning documents, FAQ and a contact. */
export async function seedDemoVariants(tx: EntityManager, procedureId: string): Promise<void> {
  const variants = [
    {
      title: 'Variante A: Der grüne Bogen', colour: '#2e7d32', ground: '#d7ccc8', park: '#81c784', band: 'arc' as const,
      summary: 'Ein Park, der sich im Bogen vom Bahnhof zum Quartier schwingt, mit einer großen Spielwiese in der Mitte.',
      description: 'Der Bogen verbindet den Bahnhof mit dem neuen Quartier. Entlang des Bogens liegen Spielplätze, ' +
        'eine Sportfläche und schattige Sitzplätze. Der Radweg führt am Rand entlang.',
      alt: 'Lageplan der Variante A: ein breiter grüner Bogen quer über das frühere Bahngelände',
      figures: [['Grünfläche', '4,2', 'ha'], ['Neue Bäume', '320', ''], ['Spielflächen', '3', '']],
      features: [
        { label: 'Parkweg im Bogen', colour: '#2e7d32', geometry: { type: 'LineString', coordinates: [[9.9272, 53.5575], [9.9320, 53.5625], [9.9395, 53.5585]] } },
        { label: 'Spielwiese', colour: '#66bb6a', geometry: { type: 'Polygon', coordinates: [[[9.9315, 53.5600], [9.9345, 53.5600], [9.9345, 53.5615], [9.9315, 53.5615], [9.9315, 53.5600]]] } },
      ],
    },
    {
      title: 'Variante B: Die grüne Achse', colour: '#1565c0', ground: '#cfd8dc', park: '#64b5f6', band: 'axis' as const,
      summary: 'Eine gerade Achse von Nord nach Süd mit Wasserbecken, Plätzen und kurzen Wegen ins Quartier.',
      description: 'Die Achse öffnet den Blick vom Bahnhof bis zum Quartier. Ein Wasserbecken kühlt im Sommer, ' +
        'zwei Plätze laden zu Märkten und Festen ein. Seitlich bleiben Flächen für Gemeinschaftsgärten.',
      alt: 'Lageplan der Variante B: eine gerade blaugrüne Achse von Nord nach Süd',
      figures: [['Grünfläche', '3,6', 'ha'], ['Neue Bäume', '260', ''], ['Wasserfläche', '1.800', 'm²']],
      features: [
        { label: 'Achse', colour: '#1565c0', geometry: { type: 'LineString', coordinates: [[9.9330, 53.5553], [9.9332, 53.5640]] } },
        { label: 'Wasserbecken', colour: '#42a5f5', geometry: { type: 'Polygon', coordinates: [[[9.9322, 53.5590], [9.9342, 53.5590], [9.9342, 53.5600], [9.9322, 53.5600], [9.9322, 53.5590]]] } },
      ],
    },
  ];
  for (const [position, v] of variants.entries()) {
    const image = await planImage(v.ground, v.park, v.band);
    const uploadId = await insertUpload(tx, procedureId, 'image/png', `variante-${position + 1}.png`, image.png, image);
    const [row] = await tx.query(
      `INSERT INTO variants (procedure_id, title, summary, description, position, published, colour, key_figures, overlay, overlay_upload_id)
       VALUES ($1, $2, $3, $4, $5, true, $6, $7, $8, $9) RETURNING id`,
      [procedureId, v.title, v.summary, v.description, position, v.colour,
        JSON.stringify(v.figures.map(([label, value, unit]) => ({ label, value, unit }))),
        JSON.stringify({ kind: 'image', extent: [9.9251, 53.5549, 9.9412, 53.5648], opacity: 0.6 }), uploadId],
    );
    await tx.query(
      `INSERT INTO variant_images (variant_id, procedure_id, upload_id, alt, caption) VALUES ($1, $2, $3, $4, $5)`,
      [row.id, procedureId, uploadId, v.alt, 'Lageplan (Entwurf)'],
    );
    for (const [i, f] of v.features.entries()) {
      await tx.query(
        `INSERT INTO variant_features (variant_id, position, label, colour, geom) VALUES ($1, $2, $3, $4, ST_SetSRID(ST_GeomFromGeoJSON($5), 4326))`,
        [row.id, i, f.label, f.colour, JSON.stringify(f.geometry)],
      );
    }
  }
  for (const [position, [title, description]] of [
    ['Wettbewerbsauslobung', 'Die Aufgabe, die den Entwürfen gestellt wurde (Kurzfassung).'],
    ['Protokoll der Auftaktveranstaltung', 'Was beim ersten Treffen im Bürgerhaus gesagt wurde.'],
  ].entries()) {
    const pdf = demoPdf(title);
    const uploadId = await insertUpload(tx, procedureId, 'application/pdf', `${title.toLowerCase().replace(/[^a-z]+/g, '-')}.pdf`, pdf);
    await tx.query(`INSERT INTO documents (procedure_id, upload_id, title, description, position) VALUES ($1, $2, $3, $4, $5)`, [
      procedureId, uploadId, title, description, position,
    ]);
  }
  for (const [position, [question, answer]] of [
    ['Wann wird der Park gebaut?', 'Nach der Auswertung der Beteiligung wird ein Entwurf ausgearbeitet; der Bau soll 2028 beginnen.'],
    ['Wer entscheidet, welche Variante gebaut wird?', 'Die Bezirksversammlung entscheidet; Ihre Bewertungen und Kommentare fließen in die Empfehlung ein.'],
    ['Kann ich auch ohne Internet mitmachen?', 'Ja, bei der Werkstatt im Bürgerhaus Altona am Planungstisch.'],
  ].entries()) {
    await tx.query(`INSERT INTO faq_entries (procedure_id, question, answer, position) VALUES ($1, $2, $3, $4)`, [procedureId, question, answer, position]);
  }
  await tx.query(
    `INSERT INTO contacts (procedure_id, name, organisation, email, phone, address) VALUES ($1, $2, $3, $4, $5, $6)`,
    [procedureId, 'Team Grüne Mitte', 'Bezirksamt Altona, Fachamt Stadt- und Landschaftsplanung', 'gruene-mitte@example.org', '040 000000', 'Platz der Republik 1, 22765 Hamburg'],
  );
}
