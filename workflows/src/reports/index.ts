export * from './report-activities';
export * from './scheduled-report-workflow';
