export * from './events/event-envelope';
export * from './events/topics';
export * from './workflows/case-workflow';
export * from './workflows/risk-assessment-workflow-id';
