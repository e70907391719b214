import { applyDecorators } from '@nestjs/common';
import { Authorize, type Authorization } from '../auth/auth.decorators';
import {
  CommandRoute,
  CreateRoute,
  DetailRoute,
  type RouteDoc,
} from '../common/http/resource-routes.decorator';
import { ImprovementDto, LessonDto } from './dto/improvement.dto';
import { ImprovementAccess, type ImprovementRight } from './improvement-access';
import type { ImprovementKind } from './improvement.service';

const IMPROVEMENT_ID_PARAM = {
  name: 'id',
  description: 'Id',
  schema: { type: 'string', format: 'uuid' },
} as const;

export interface ImprovementRouteDoc extends RouteDoc {
  rule: Authorization;
  /** Proposals and actions answer with an ImprovementDto, lessons with a LessonDto. */
  type?: typeof ImprovementDto | typeof LessonDto;
}

export interface ImprovementCommandDoc extends ImprovementRouteDoc {
  kind: ImprovementKind;
  right: ImprovementRight;
}

export const CreateImprovement = ({
  rule,
  type = ImprovementDto,
  summary,
  operationId,
}: ImprovementRouteDoc) =>
  applyDecorators(
    Authorize(rule),
    CreateRoute({
      summary,
      operationId,
      response: { type, headers: { Location: { description: 'Adressen', schema: { type: 'string' } } } },
      problems: [400, 401, 403, 404, 409, 413, 415, 422],
    }),
  );

export const ImprovementDetail = (
  kind: ImprovementKind,
  { rule, type = ImprovementDto, summary, operationId }: ImprovementRouteDoc,
) =>
  applyDecorators(
    Authorize(rule),
    ImprovementAccess(kind, 'read'),
    DetailRoute({ summary, operationId, idParam: IMPROVEMENT_ID_PARAM, response: { type } }),
  );

export const ImprovementCommand = (
  path: string,
  { rule, kind, right, type = ImprovementDto, summary, operationId }: ImprovementCommandDoc,
) =>
  applyDecorators(
    Authorize(rule),
    ImprovementAccess(kind, right),
    CommandRoute(path, { summary, operationId, idParam: IMPROVEMENT_ID_PARAM, response: { type } }),
  );
