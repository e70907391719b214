import {
  type CanActivate,
  Body,
  Controller,
  Delete,
  type ExecutionContext,
  HttpCode,
  Injectable,
  Post,
  UseGuards,
} from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiParam, ApiTags } from '@nestjs/swagger';
import type { Request } from 'express';
import { CaseCommandService } from '@kvalitet/persistence';
import { canManageLegalHold } from '../access/access-policy';
import type { Principal } from '../access/principal';
import { AccessLogService } from '../audit/access-log.service';
import { Authorize, CurrentUser } from '../auth/auth.decorators';
import { ReqInfo, type RequestInfo } from '../common/http/request-info';
import { ApiProblems } from '../common/problem/api-problems.decorator';
import { LoadedCaseParam } from './case-access.guard';
import { CaseAccessService, type LoadedCase } from './case-access.service';
import { CASE_ID_PARAM } from './cases.controller';
import { CasesService } from './cases.service';
import { CaseDto } from './dto/case.dto';
import { PlaceLegalHoldDto } from './dto/records.dto';

type CaseRequest = Request & { user?: Principal; loadedCase?: LoadedCase };

/** After @Authorize (403): the case the caller may read, or 404, before the body is looked at (400). */
@Injectable()
export class ReadableCaseGuard implements CanActivate {
  constructor(private readonly access: CaseAccessService) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const request = context.switchToHttp().getRequest<CaseRequest>();
    if (!request.user) return false;
    request.loadedCase = await this.access.loadForRead(request.user, String(request.params['id'] ?? ''));
    return true;
  }
}

/**
 * `POST/DELETE /cases/{id}/legal-hold` (api.md v1.1 "Records and gallring", DATA-7, ADR 0027): a case on
 * hold is never erased by gallring. Allowed on a closed case; refused (409) on an erased one.
 */
@ApiTags('ärenden')
@ApiBearerAuth()
@Controller('cases/:id/legal-hold')
@UseGuards(ReadableCaseGuard)
export class CaseLegalHoldController {
  constructor(
    private readonly commands: CaseCommandService,
    private readonly cases: CasesService,
    private readonly accessLog: AccessLogService,
  ) {}

  @Post()
  @HttpCode(200)
  @Authorize(canManageLegalHold)
  @ApiOperation({
    summary: 'Spärra ärendet mot gallring (kvalitetssamordnare, dataskyddsombud)',
    operationId: 'case_placeLegalHold',
  })
  @ApiParam(CASE_ID_PARAM)
  @ApiOkResponse({ type: CaseDto, description: 'Det uppdaterade ärendet' })
  @ApiProblems(400, 401, 403, 404, 409, 413, 415)
  place(
    @CurrentUser() user: Principal,
    @LoadedCaseParam() loaded: LoadedCase,
    @Body() body: PlaceLegalHoldDto,
    @ReqInfo() info: RequestInfo,
  ): Promise<CaseDto> {
    return this.run(user, loaded, info, 'place-legal-hold', { reason: body.reason }, body.expectedVersion);
  }

  @Delete()
  @HttpCode(200)
  @Authorize(canManageLegalHold)
  @ApiOperation({ summary: 'Häv spärren mot gallring', operationId: 'case_liftLegalHold' })
  @ApiParam(CASE_ID_PARAM)
  @ApiOkResponse({ type: CaseDto, description: 'Det uppdaterade ärendet' })
  @ApiProblems(400, 401, 403, 404, 409)
  lift(
    @CurrentUser() user: Principal,
    @LoadedCaseParam() loaded: LoadedCase,
    @ReqInfo() info: RequestInfo,
  ): Promise<CaseDto> {
    return this.run(user, loaded, info, 'lift-legal-hold', {});
  }

  private async run(
    user: Principal,
    loaded: LoadedCase,
    info: RequestInfo,
    ...[type, data, expectedVersion]:
      ['place-legal-hold', { reason: string }, number?] | ['lift-legal-hold', Record<string, never>, number?]
  ): Promise<CaseDto> {
    const actor = { username: user.username, roles: [...user.roles] };
    const result = await this.commands.execute(
      loaded.state.id,
      type === 'place-legal-hold' ? { type, actor, data } : { type, actor, data: {} },
      { requestId: info.requestId, ...(expectedVersion === undefined ? {} : { expectedVersion }) },
    );
    const { events } = await this.commands.load(loaded.state.id);
    await this.accessLog.record(user, loaded.state.id, `command:${type}`, info.route, info.requestId);
    return this.cases.view(user, result.state, events) as CaseDto;
  }
}
