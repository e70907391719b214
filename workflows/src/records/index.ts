export * from './gallring-workflow';
