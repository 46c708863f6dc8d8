import { SetMetadata } from '@nestjs/common';

/** Metadata of the participant writes a workshop table may make with its X-Table-Key. */
export const TABLE_KEY_ACCEPTED = 'stadtdialog:table-key-accepted';

/**
 * Marks a participant write (contribution, comment, rating, report) that a workshop table may make.
 * With an X-Table-Key, every other write and every planner endpoint is refused; public reads stay
 * as they are, limited to the table's procedure.
 */
export const TableKeyAccepted = () => SetMetadata(TABLE_KEY_ACCEPTED, true);

/** The workshop of a request that came with a valid table key (set by the workshops module's guard). */
export interface TableWorkshop {
  id: string;
  procedureId: string;
  procedureSlug: string;
}

export interface TableKeyRequest {
  tableWorkshop?: TableWorkshop;
}
