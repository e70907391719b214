export * from './improvement-events';
export * from './improvement-state';
export * from './decide-improvement';
export * from './improvement-view';
