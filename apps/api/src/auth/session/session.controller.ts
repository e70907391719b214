import { Controller, Get, HttpCode, Post, Query, Req, Res } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiProperty, ApiTags } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import type { Principal } from '../../access/principal';
import { ApiProblems } from '../../common/problem/api-problems.decorator';
import { Public } from '../auth.decorators';
import { SessionService } from './session.service';

export class SessionDto {
  @ApiProperty() username!: string;
  @ApiProperty() name!: string;
  @ApiProperty({ type: [String] }) roles!: string[];
  @ApiProperty({ type: [String] }) unitIds!: string[];
  @ApiProperty({ description: 'Skickas i X-CSRF-Token med varje ändrande begäran i sessionen.' })
  csrfToken!: string;
}

export class LogoutDto {
  @ApiProperty({ description: 'Inloggningstjänstens utloggningsadress; webbappen går dit.' })
  redirectTo!: string;
}

/** Why a callback failed, in words for the sign-in page (no codes shown to people). */
const FAILED_LOGIN_QUERY = '/logga-in?inloggning=misslyckades';

/** The web app's sign-in session (ADR 0043, AUTH_MODE=oidc with OIDC_CLIENT_SECRET). */
@ApiTags('identitet')
@Controller('auth')
export class SessionController {
  constructor(private readonly sessions: SessionService) {}

  @Get('login')
  @Public()
  @ApiOperation({ summary: 'Börja logga in (skickar vidare till inloggningstjänsten)' })
  @ApiProblems(404, 503)
  async login(@Req() request: Request, @Res() response: Response, @Query('tillbaka') returnTo?: string) {
    const { location, cookie } = await this.sessions.beginLogin(request, returnTo);
    response.setHeader('Set-Cookie', cookie);
    response.setHeader('Cache-Control', 'no-store');
    response.redirect(302, location);
  }

  @Get('callback')
  @Public()
  @ApiOperation({ summary: 'Inloggningstjänsten skickar tillbaka hit' })
  @ApiProblems(404)
  async callback(
    @Req() request: Request,
    @Res() response: Response,
    // Whatever the identity provider adds (session_state, iss, error_description) is accepted here.
    @Query() query: Record<string, unknown>,
  ) {
    const result = await this.sessions.completeLogin(request, query);
    response.setHeader('Set-Cookie', result.cookies);
    response.setHeader('Cache-Control', 'no-store');
    response.redirect(302, result.ok ? result.returnTo : FAILED_LOGIN_QUERY);
  }

  @Get('session')
  @Public()
  @ApiOperation({ summary: 'Vem som är inloggad i den här webbläsaren' })
  @ApiOkResponse({ type: SessionDto })
  @ApiProblems(401, 404)
  async session(
    @Req() request: Request,
    @Res({ passthrough: true }) response: Response,
  ): Promise<SessionDto> {
    response.setHeader('Cache-Control', 'no-store');
    try {
      const { principal, csrfToken } = await this.sessions.principalFor(request);
      return describe(principal, csrfToken);
    } catch (error) {
      if (this.sessions.enabled) response.setHeader('Set-Cookie', this.sessions.clearingCookie(request));
      throw error;
    }
  }

  @Post('logout')
  @Public()
  @HttpCode(200)
  @ApiOperation({ summary: 'Logga ut här och hos inloggningstjänsten' })
  @ApiOkResponse({ type: LogoutDto })
  @ApiProblems(401, 403, 404)
  async logout(@Req() request: Request, @Res({ passthrough: true }) response: Response): Promise<LogoutDto> {
    // The CSRF check: a page of another site must not be able to sign the person out.
    await this.sessions.principalFor(request).catch((error: unknown) => {
      if ((error as { status?: number }).status === 403) throw error;
    });
    const { redirectTo, cookie } = await this.sessions.logout(request);
    response.setHeader('Set-Cookie', cookie);
    response.setHeader('Cache-Control', 'no-store');
    return { redirectTo };
  }
}

function describe(principal: Principal, csrfToken: string): SessionDto {
  return {
    username: principal.username,
    name: principal.name,
    roles: [...principal.roles],
    unitIds: [...principal.unitIds],
    csrfToken,
  };
}
