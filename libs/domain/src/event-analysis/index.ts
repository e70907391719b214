export * from './event-analysis-types';
export * from './event-analysis';
