export * from './retention-rules';
export * from './gallring-due';
