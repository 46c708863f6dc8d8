import { PostgisAndDomain1764374400000 } from './1764374400000-postgis-and-domain';
import { PublicViews1764374400001 } from './1764374400001-public-views';
import { ModerationFlags1764460800000 } from './1764460800000-moderation-flags';
import { PlannerWorkspace1764547200000 } from './1764547200000-planner-workspace';
import { Workshops1764630000000 } from './1764630000000-workshops';
import { VariantsAndPlanningInformation1764660000000 } from './1764660000000-variants-and-planning-information';

/** In order of application. */
export const MIGRATIONS = [
  PostgisAndDomain1764374400000,
  PublicViews1764374400001,
  ModerationFlags1764460800000,
  PlannerWorkspace1764547200000,
  Workshops1764630000000,
  VariantsAndPlanningInformation1764660000000,
];
