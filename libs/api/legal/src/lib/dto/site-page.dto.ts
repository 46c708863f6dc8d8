import { IsEmail, IsIn, IsOptional, IsString, MaxLength, ValidateIf } from 'class-validator';
import { FEEDBACK_MAX_LENGTH, SITE_LANGUAGES, SITE_PAGE_MAX_LENGTH } from '@stadtdialog/shared/contract';
import type { NewAccessibilityFeedback, SiteLanguage, SitePageEdit } from '@stadtdialog/shared/contract';

export class SitePageQueryDto {
  @IsOptional() @IsIn(SITE_LANGUAGES, { message: `lang must be one of ${SITE_LANGUAGES.join(', ')}` })
  lang?: SiteLanguage;
}

/** Both languages are named: a text, or null for the default. Blank text is refused in the service. */
export class SitePageEditDto implements SitePageEdit {
  @ValidateIf((o: SitePageEditDto) => o.de !== null)
  @IsString({ message: 'de must be the German text, or null for the default' })
  @MaxLength(SITE_PAGE_MAX_LENGTH, { message: `de must be at most ${SITE_PAGE_MAX_LENGTH} characters` })
  de!: string | null;

  @ValidateIf((o: SitePageEditDto) => o.en !== null)
  @IsString({ message: 'en must be the English text, or null for the default' })
  @MaxLength(SITE_PAGE_MAX_LENGTH, { message: `en must be at most ${SITE_PAGE_MAX_LENGTH} characters` })
  en!: string | null;
}

export class AccessibilityFeedbackDto implements NewAccessibilityFeedback {
  @IsString({ message: 'message must be text' })
  @MaxLength(FEEDBACK_MAX_LENGTH, { message: `message must be at most ${FEEDBACK_MAX_LENGTH} characters` })
  message!: string;

  @IsOptional()
  @ValidateIf((o: AccessibilityFeedbackDto) => o.email !== null && o.email !== '')
  @IsEmail({}, { message: 'email must be an e-mail address' })
  @MaxLength(254, { message: 'email must be at most 254 characters' })
  email?: string | null;

  @IsOptional()
  @ValidateIf((o: AccessibilityFeedbackDto) => o.page !== null)
  @IsString({ message: 'page must be the address of a page' })
  @MaxLength(500, { message: 'page must be at most 500 characters' })
  page?: string | null;
}
