export * from './task-queues';
export * from './smoke/smoke-workflow';
export type * from './smoke/smoke-activities';
