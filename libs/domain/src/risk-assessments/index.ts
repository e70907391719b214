export * from './risk-policy';
export * from './risk-assessment-trigger';
export * from './risk-assessment-events';
export * from './risk-assessment-commands';
export * from './risk-assessment-state';
export * from './evolve-risk-assessment';
export * from './decide-risk-assessment';
export * from './deviation-pattern';
