export * from './task-queues';
export * from './smoke/smoke-workflow';
export type * from './smoke/smoke-activities';
export * from './case/case-workflow';
export * from './case/case-activities';
export * from './case/case-paths';
export * from './case/case-flow-state';
export * from './case/case-flow-work';
export * from './case/apply-case-event';
