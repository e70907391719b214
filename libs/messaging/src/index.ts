export * from './kafka-client';
export * from './ensure-topics';
export * from './outbox-relay';
export * from './consumer-runner';
