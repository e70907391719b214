export * from './arshjul-catalogue';
export * from './arshjul';
