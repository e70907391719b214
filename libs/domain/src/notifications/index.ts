export * from './mail-preference';
export * from './notice-recipients';
export * from './case-notices';
export * from './work-task-notices';
export * from './register-task-notices';
