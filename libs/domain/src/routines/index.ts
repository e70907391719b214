export * from './routine-types';
export * from './routine-revision';
export * from './decide-routine';
export * from './evolve-routine';
export * from './routine-aggregate';
export * from './routine-case-links';
export * from './routine-changes';
