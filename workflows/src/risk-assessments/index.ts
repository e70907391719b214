export * from './risk-assessment-contract';
export * from './risk-assessment-flow';
export * from './risk-assessment-workflow';
