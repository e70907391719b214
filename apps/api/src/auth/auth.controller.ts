import { Body, Controller, Get, HttpCode, Post } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Principal } from '../access/principal';
import { ApiProblem } from '../common/problem/api-problem';
import { ApiProblems } from '../common/problem/api-problems.decorator';
import type { ApiConfig } from '../config/api-config.schema';
import { findDemoUser } from '../org/demo-users';
import { CurrentUser, Public } from './auth.decorators';
import { DevTokenRequestDto, DevTokenResponseDto, MeDto } from './auth.dto';
import { DevTokenService } from './dev-token.service';

@ApiTags('identitet')
@Controller()
export class AuthController {
  constructor(
    private readonly config: ConfigService<ApiConfig, true>,
    private readonly devTokens: DevTokenService,
  ) {}

  @Post('auth/dev-token')
  @Public()
  @HttpCode(200)
  @ApiOperation({ summary: 'Token för en demoanvändare (endast AUTH_MODE=dev)' })
  @ApiOkResponse({ type: DevTokenResponseDto })
  @ApiProblems(400, 404, 413, 415)
  async devToken(@Body() body: DevTokenRequestDto): Promise<DevTokenResponseDto> {
    if (this.config.get('AUTH_MODE', { infer: true }) !== 'dev')
      throw ApiProblem.notFound('Utvecklingsinloggning är avstängd.');
    const user = findDemoUser(body.username);
    if (!user)
      throw ApiProblem.validation([
        { field: 'username', code: 'UNKNOWN_USER', message: 'Okänd demoanvändare.' },
      ]);
    return this.devTokens.issue(user);
  }

  @Get('me')
  @ApiBearerAuth()
  @ApiOperation({ summary: 'Den inloggade användaren' })
  @ApiOkResponse({ type: MeDto })
  @ApiProblems(400, 401)
  me(@CurrentUser() user: Principal): MeDto {
    return { username: user.username, name: user.name, roles: [...user.roles], unitIds: [...user.unitIds] };
  }
}
