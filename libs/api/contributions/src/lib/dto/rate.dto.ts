import { IsDefined, IsIn } from 'class-validator';
import type { NewRating } from '@stadtdialog/shared/contract';

export class RateDto implements NewRating {
  @IsDefined({ message: 'value is required' })
  @IsIn([1, -1], { message: 'value must be 1 (agree) or -1 (disagree)' })
  value!: 1 | -1;
}
