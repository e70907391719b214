export * from './roles';
export * from './organisation-model';
export * from './organisation';
export * from './parse-organisation';
export * from './unit-parents';
