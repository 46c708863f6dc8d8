/**
 * The JSON of variants, documents and files, built in SQL. Workspace answers read the tables and
 * link files under the procedure's workspace; public answers read only the public_* views and link
 * files at /api/v1/files/:id, which serves only what public_files holds.
 */

export const ISO = (column: string) => `to_char(${column} AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')`;

export type Audience = 'workspace' | 'public';

/** The URL a file is served at, for `audience`. */
export function fileUrl(audience: Audience, procedureIdColumn: string, uploadIdColumn: string): string {
  return audience === 'public'
    ? `'/api/v1/files/' || ${uploadIdColumn}`
    : `'/api/v1/procedures/' || ${procedureIdColumn} || '/setup/uploads/' || ${uploadIdColumn}`;
}

export function uploadJson(audience: Audience, u = 'u'): string {
  return `json_build_object('id', ${u}.id, 'mediaType', ${u}.media_type, 'fileName', ${u}.file_name, 'byteSize', ${u}.byte_size,
    'width', ${u}.width, 'height', ${u}.height, 'url', ${fileUrl(audience, `${u}.procedure_id`, `${u}.id`)})`;
}

/** Fields shared by both audiences; `v` is a variants row or a public_variants row. */
export function variantFields(audience: Audience, v = 'v'): string {
  const files = audience === 'public' ? 'public_files' : 'uploads';
  return `'id', ${v}.id, 'title', ${v}.title, 'summary', ${v}.summary, 'description', ${v}.description,
    'position', ${v}.position, 'colour', ${v}.colour, 'keyFigures', ${v}.key_figures,
    'overlay', CASE WHEN ${v}.overlay IS NULL THEN NULL
                    WHEN ${v}.overlay_upload_id IS NULL THEN ${v}.overlay
                    ELSE ${v}.overlay || jsonb_build_object('uploadId', ${v}.overlay_upload_id,
                           'url', ${fileUrl(audience, `${v}.procedure_id`, `${v}.overlay_upload_id`)}) END,
    'images', coalesce((SELECT json_agg(json_build_object('uploadId', i.upload_id, 'alt', i.alt, 'caption', i.caption,
                          'url', ${fileUrl(audience, 'i.procedure_id', 'i.upload_id')}, 'width', f.width, 'height', f.height)
                          ORDER BY i.position, i.upload_id)
                        FROM variant_images i JOIN ${files} f ON f.id = i.upload_id WHERE i.variant_id = ${v}.id), '[]'::json),
    'features', coalesce((SELECT json_agg(json_build_object('label', g.label, 'colour', g.colour,
                            'geometry', ST_AsGeoJSON(g.geom, 7)::json) ORDER BY g.position)
                          FROM variant_features g WHERE g.variant_id = ${v}.id), '[]'::json)`;
}

export const WORKSPACE_VARIANT_JSON = `json_build_object(${variantFields('workspace')},
  'published', v.published, 'ratingsUp', v.ratings_up, 'ratingsDown', v.ratings_down, 'commentCount', v.comment_count,
  'createdAt', ${ISO('v.created_at')}, 'updatedAt', ${ISO('v.updated_at')})`;

export const DOCUMENT_JSON = (audience: Audience, d = 'd', u = 'u') => `json_build_object('id', ${d}.id, 'title', ${d}.title,
  'description', ${d}.description, 'position', ${d}.position, 'file', ${uploadJson(audience, u)})`;

export const FAQ_JSON = (f = 'f') => `json_build_object('id', ${f}.id, 'question', ${f}.question, 'answer', ${f}.answer, 'position', ${f}.position)`;

export const CONTACT_JSON = (c = 'c') => `json_build_object('id', ${c}.id, 'name', ${c}.name, 'organisation', ${c}.organisation,
  'email', ${c}.email, 'phone', ${c}.phone, 'address', ${c}.address, 'position', ${c}.position)`;
