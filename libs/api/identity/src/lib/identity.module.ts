import { Module } from '@nestjs/common';
import { AccessModule } from '@stadtdialog/api/access';
import { AuthController } from './auth.controller';
import { AuthService } from './auth.service';
import { FirstAdmin } from './first-admin';
import { PlannersController } from './planners.controller';
import { PlannersService } from './planners.service';
import { SignInThrottle } from './sign-in-throttle';

/** Planner sign-in, sessions and accounts. */
@Module({
  imports: [AccessModule],
  controllers: [AuthController, PlannersController],
  providers: [AuthService, PlannersService, SignInThrottle, FirstAdmin],
})
export class IdentityModule {}
