import { IsEmail, IsIn, IsString, MaxLength } from 'class-validator';
import { SITE_LANGUAGES } from '@stadtdialog/shared/contract';
import type { NewNotificationSubscription, SiteLanguage } from '@stadtdialog/shared/contract';

export class SubscribeDto implements NewNotificationSubscription {
  @IsString({ message: 'email must be an e-mail address' })
  @MaxLength(254, { message: 'email must be at most 254 characters' })
  @IsEmail({}, { message: 'email must be an e-mail address' })
  email!: string;

  @IsIn(SITE_LANGUAGES, { message: `language must be one of ${SITE_LANGUAGES.join(', ')}` })
  language!: SiteLanguage;
}

export class MailTokenDto {
  @IsString({ message: 'token must be the token of the link' })
  @MaxLength(200, { message: 'token must be the token of the link' })
  token!: string;
}
