// The bundle entry the worker registers: every workflow function, nothing else.
export { smokeWorkflow } from './smoke/smoke-workflow';
export { caseWorkflow } from './case/case-workflow';
export { ledningssystemDutyWorkflow } from './ledningssystem/ledningssystem-duty-workflow';
export { arshjulPlanningWorkflow } from './ledningssystem/arshjul-planning-workflow';
export { riskAssessmentWorkflow } from './risk-assessments/risk-assessment-workflow';
export { scheduledReportWorkflow } from './reports/scheduled-report-workflow';
export { dailyListWorkflow } from './reports/daily-list-workflow';
export { gallringWorkflow } from './records/gallring-workflow';
