export * from './egenkontroll-types';
export * from './control-occurrences';
export * from './egenkontroll-duties';
export * from './decide-egenkontroll';
export * from './evolve-egenkontroll';
export * from './egenkontroll-aggregate';
