export * from './training-types';
export * from './training';
