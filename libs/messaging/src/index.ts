export * from './kafka-client';
export * from './ensure-topics';
export * from './outbox-relay';
export * from './consumer-runner';
export * from './infrastructure-failure';
export * from './handle-with-inbox';
export * from './dead-letters';
