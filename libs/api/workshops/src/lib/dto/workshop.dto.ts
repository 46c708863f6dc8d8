import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
  IsDefined,
  IsIn,
  IsInt,
  IsObject,
  IsString,
  IsUUID,
  Max,
  MaxLength,
  Min,
  ValidateNested,
} from 'class-validator';
import { IsOmittable } from '@stadtdialog/api/http';
import { SEAT_SIDES, WORKSHOP_LIMITS } from '@stadtdialog/shared/contract';
import type { NewWorkshop, SeatSide, WorkshopChange, WorkshopSeat } from '@stadtdialog/shared/contract';

const IDLE_MESSAGE = `idleSeconds must be a whole number from ${WORKSHOP_LIMITS.minIdleSeconds} to ${WORKSHOP_LIMITS.maxIdleSeconds}`;
const SEATS_MESSAGE = `seats must list 1 to ${WORKSHOP_LIMITS.maxSeats} seats`;

export class WorkshopSeatDto implements WorkshopSeat {
  @IsIn(SEAT_SIDES, { message: `side must be one of ${SEAT_SIDES.join(', ')}` })
  side!: SeatSide;
}

export class NewWorkshopDto implements NewWorkshop {
  @IsDefined({ message: 'appointmentId is required' })
  @IsUUID('all', { message: 'appointmentId must be the id (UUID) of one of the procedure\'s appointments' })
  appointmentId!: string;

  @IsOmittable()
  @IsString({ message: 'title must be text' })
  @MaxLength(WORKSHOP_LIMITS.titleMaxLength, { message: `title must be at most ${WORKSHOP_LIMITS.titleMaxLength} characters` })
  title?: string;

  @IsDefined({ message: 'seats is required' })
  @IsArray({ message: SEATS_MESSAGE })
  @ArrayMinSize(1, { message: SEATS_MESSAGE })
  @ArrayMaxSize(WORKSHOP_LIMITS.maxSeats, { message: SEATS_MESSAGE })
  @IsObject({ each: true, message: 'each seat must be an object {side}' })
  @ValidateNested({ each: true })
  @Type(() => WorkshopSeatDto)
  seats!: WorkshopSeatDto[];

  @IsOmittable()
  @IsInt({ message: IDLE_MESSAGE })
  @Min(WORKSHOP_LIMITS.minIdleSeconds, { message: IDLE_MESSAGE })
  @Max(WORKSHOP_LIMITS.maxIdleSeconds, { message: IDLE_MESSAGE })
  idleSeconds?: number;
}

export class WorkshopChangeDto implements WorkshopChange {
  @IsOmittable()
  @IsString({ message: 'title must be text' })
  @MaxLength(WORKSHOP_LIMITS.titleMaxLength, { message: `title must be at most ${WORKSHOP_LIMITS.titleMaxLength} characters` })
  title?: string;

  @IsOmittable()
  @IsArray({ message: SEATS_MESSAGE })
  @ArrayMinSize(1, { message: SEATS_MESSAGE })
  @ArrayMaxSize(WORKSHOP_LIMITS.maxSeats, { message: SEATS_MESSAGE })
  @IsObject({ each: true, message: 'each seat must be an object {side}' })
  @ValidateNested({ each: true })
  @Type(() => WorkshopSeatDto)
  seats?: WorkshopSeatDto[];

  @IsOmittable()
  @IsInt({ message: IDLE_MESSAGE })
  @Min(WORKSHOP_LIMITS.minIdleSeconds, { message: IDLE_MESSAGE })
  @Max(WORKSHOP_LIMITS.maxIdleSeconds, { message: IDLE_MESSAGE })
  idleSeconds?: number;
}
