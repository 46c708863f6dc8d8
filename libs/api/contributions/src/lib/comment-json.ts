/** A comment row `m` as the API's Comment, built by PostgreSQL. */
export const COMMENT_JSON = `json_build_object(
  'id', m.id, 'contributionId', m.contribution_id, 'parentId', m.parent_id, 'text', m.body, 'official', m.official,
  'createdAt', to_char(m.created_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'))`;
