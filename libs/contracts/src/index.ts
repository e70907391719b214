export * from './events/event-envelope';
export * from './events/topics';
export * from './workflows/case-workflow';
