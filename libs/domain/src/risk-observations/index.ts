export * from './risk-observation';
