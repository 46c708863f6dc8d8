import { IsBoolean, IsDefined, IsEmail, IsString, MaxLength, MinLength } from 'class-validator';
import { IsOmittable } from '@stadtdialog/api/http';

export class CreatePlannerDto {
  @IsDefined({ message: 'email is required' })
  @IsEmail({}, { message: 'email must be an e-mail address' })
  @MaxLength(320, { message: 'email must be at most 320 characters' })
  email!: string;

  @IsDefined({ message: 'displayName is required' })
  @IsString({ message: 'displayName must be text' })
  @MinLength(1, { message: 'displayName must not be empty' })
  @MaxLength(120, { message: 'displayName must be at most 120 characters' })
  displayName!: string;

  /** left out: the server generates one and shows it once */
  @IsOmittable()
  @IsString({ message: 'password must be text' })
  @MaxLength(200, { message: 'password must be at most 200 characters' })
  password?: string;

  @IsOmittable()
  @IsBoolean({ message: 'isAdmin must be true or false' })
  isAdmin?: boolean;
}

export class UpdatePlannerDto {
  @IsOmittable()
  @IsEmail({}, { message: 'email must be an e-mail address' })
  @MaxLength(320, { message: 'email must be at most 320 characters' })
  email?: string;

  @IsOmittable()
  @IsString({ message: 'displayName must be text' })
  @MinLength(1, { message: 'displayName must not be empty' })
  @MaxLength(120, { message: 'displayName must be at most 120 characters' })
  displayName?: string;

  @IsOmittable()
  @IsBoolean({ message: 'isAdmin must be true or false' })
  isAdmin?: boolean;
}

export class ResetPasswordDto {
  /** left out: the server generates one and shows it once */
  @IsOmittable()
  @IsString({ message: 'password must be text' })
  @MaxLength(200, { message: 'password must be at most 200 characters' })
  password?: string;
}
