import { IsDefined, IsOptional, IsString, IsUUID } from 'class-validator';
import type { NewComment } from '@stadtdialog/shared/contract';

/** Types only: the length is checked against the procedure's commentMaxLength in the service. */
export class CreateCommentDto implements NewComment {
  @IsDefined({ message: 'text is required' })
  @IsString({ message: 'text must be text' })
  text!: string;

  @IsOptional()
  @IsUUID('all', { message: 'parentId must be the id (UUID) of a comment on this contribution' })
  parentId?: string | null;
}
