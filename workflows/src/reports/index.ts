export * from './report-activities';
export * from './scheduled-report-workflow';
export * from './daily-list-workflow';
