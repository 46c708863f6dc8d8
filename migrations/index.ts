import { PostgisAndDomain1764374400000 } from './1764374400000-postgis-and-domain';
import { PublicViews1764374400001 } from './1764374400001-public-views';
import { ModerationFlags1764460800000 } from './1764460800000-moderation-flags';
import { PlannerWorkspace1764547200000 } from './1764547200000-planner-workspace';
import { SharedRateLimits1764600000000 } from './1764600000000-shared-rate-limits';
import { Workshops1764630000000 } from './1764630000000-workshops';
import { EvaluationIndexes1764640000000 } from './1764640000000-evaluation-indexes';
import { VariantsAndPlanningInformation1764660000000 } from './1764660000000-variants-and-planning-information';
import { VariantLiveEvents1764670000000 } from './1764670000000-variant-live-events';
import { SitePages1764800000000 } from './1764800000000-site-pages';
import { MailNotifications1764810000000 } from './1764810000000-mail-notifications';
import { WorkshopLinksFollowAppointments1764815000000 } from './1764815000000-workshop-links-follow-appointments';
import { ContributionMapCells1764900000000 } from './1764900000000-contribution-map-cells';
import { VisibleCommentCount1764950000000 } from './1764950000000-visible-comment-count';
import { EnglishContent1764960000000 } from './1764960000000-english-content';

/** In order of application. */
export const MIGRATIONS = [
  PostgisAndDomain1764374400000,
  PublicViews1764374400001,
  ModerationFlags1764460800000,
  PlannerWorkspace1764547200000,
  SharedRateLimits1764600000000,
  Workshops1764630000000,
  EvaluationIndexes1764640000000,
  VariantsAndPlanningInformation1764660000000,
  VariantLiveEvents1764670000000,
  SitePages1764800000000,
  MailNotifications1764810000000,
  WorkshopLinksFollowAppointments1764815000000,
  ContributionMapCells1764900000000,
  VisibleCommentCount1764950000000,
  EnglishContent1764960000000,
];
