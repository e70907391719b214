import { applyDecorators } from '@nestjs/common';
import { CommandRoute, DetailRoute, type RouteDoc } from '../common/http/resource-routes.decorator';
import { RiskAssessmentDto } from './dto/risk-assessment.dto';
import { RiskAssessmentAccess } from './risk-assessment-access';

const RISK_ASSESSMENT_ID_PARAM = {
  name: 'id',
  description: 'Riskanalysens id',
  schema: { type: 'string', format: 'uuid' },
} as const;

export const RiskAssessmentDetail = (doc: RouteDoc) =>
  applyDecorators(
    RiskAssessmentAccess(),
    DetailRoute({ ...doc, idParam: RISK_ASSESSMENT_ID_PARAM, response: { type: RiskAssessmentDto } }),
  );

export const RiskAssessmentCommand = (path: string, doc: RouteDoc) =>
  applyDecorators(
    RiskAssessmentAccess(),
    CommandRoute(path, {
      ...doc,
      idParam: RISK_ASSESSMENT_ID_PARAM,
      response: { type: RiskAssessmentDto, description: 'Den uppdaterade riskanalysen' },
    }),
  );
