export * from './task-queues';
export * from './smoke/smoke-workflow';
export type * from './smoke/smoke-activities';
export * from './case/case-workflow';
export * from './case/case-activities';
export * from './case/case-flow-work';
export * from './ledningssystem/index';
export * from './risk-assessments/index';
export * from './reports';
