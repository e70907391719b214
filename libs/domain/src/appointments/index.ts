export * from './appointment-types';
export * from './appointment-requirements';
export * from './decide-appointment';
export * from './evolve-appointment';
