export * from './delegation-register';
export * from './held-delegations';
export * from './delegate-for-decision';
export * from './delegation-appointments';
