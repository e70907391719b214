export * from './case-orchestrator';
export * from './temporal-client';
