import { IsDefined, IsString, MaxLength } from 'class-validator';
import type { SignInRequest } from '@stadtdialog/shared/contract';

export class SignInDto implements SignInRequest {
  @IsDefined({ message: 'email is required' })
  @IsString({ message: 'email must be text' })
  @MaxLength(320, { message: 'email must be at most 320 characters' })
  email!: string;

  @IsDefined({ message: 'password is required' })
  @IsString({ message: 'password must be text' })
  @MaxLength(1000, { message: 'password must be at most 1000 characters' })
  password!: string;
}

export class ChangePasswordDto {
  @IsDefined({ message: 'currentPassword is required' })
  @IsString({ message: 'currentPassword must be text' })
  @MaxLength(1000, { message: 'currentPassword must be at most 1000 characters' })
  currentPassword!: string;

  @IsDefined({ message: 'newPassword is required' })
  @IsString({ message: 'newPassword must be text' })
  @MaxLength(200, { message: 'newPassword must be at most 200 characters' })
  newPassword!: string;
}
