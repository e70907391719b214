export * from './validate-config';
export * from './logger';
export * from './validate-env-or-exit';
export * from './close-on-signals';
export * from './start-application-context';
export * from './temporal-payload-codec';
export * from './temporal-data-converter';
export * from './organisation-file';
