import { Body, Controller, Get, HttpCode, HttpStatus, Post, Req, Res } from '@nestjs/common';
import type { Request, Response } from 'express';
import { CurrentPlanner, PlannerSessions, RequirePlanner, SESSION_COOKIE, SignedInPlanner, parseCookies } from '@stadtdialog/api/access';
import type { Me } from '@stadtdialog/shared/contract';
import { AuthService } from './auth.service';
import { ChangePasswordDto, SignInDto } from './dto/sign-in.dto';

function sessionToken(request: Request): string | undefined {
  return parseCookies(request.headers.cookie)[SESSION_COOKIE];
}

@Controller('v1/auth')
export class AuthController {
  constructor(
    private readonly auth: AuthService,
    private readonly sessions: PlannerSessions,
  ) {}

  /** No CSRF token yet (there is no session); SameSite=Lax and the JSON-only body guard it. */
  @Post('sign-in')
  @HttpCode(HttpStatus.OK)
  async signIn(@Body() dto: SignInDto, @Req() request: Request, @Res({ passthrough: true }) response: Response): Promise<Me> {
    const result = await this.auth.signIn(dto.email, dto.password, request.ip, sessionToken(request));
    this.sessions.setCookies(request, response, result);
    response.setHeader('Cache-Control', 'no-store');
    return result.me;
  }

  @Post('sign-out')
  @RequirePlanner()
  @HttpCode(HttpStatus.NO_CONTENT)
  async signOut(@Req() request: Request, @Res({ passthrough: true }) response: Response): Promise<void> {
    await this.auth.signOut(sessionToken(request));
    this.sessions.clearCookies(request, response);
  }

  @Get('me')
  @RequirePlanner()
  async me(@CurrentPlanner() planner: SignedInPlanner, @Res({ passthrough: true }) response: Response): Promise<Me> {
    response.setHeader('Cache-Control', 'no-store');
    return this.auth.me(planner);
  }

  @Post('password')
  @RequirePlanner()
  @HttpCode(HttpStatus.NO_CONTENT)
  async changePassword(@CurrentPlanner() planner: SignedInPlanner, @Body() dto: ChangePasswordDto, @Req() request: Request): Promise<void> {
    await this.auth.changePassword(planner, dto.currentPassword, dto.newPassword, request.ip);
  }
}
