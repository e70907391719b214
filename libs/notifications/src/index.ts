export * from './mail-message';
export * from './mail-address';
export * from './mailer';
export * from './mail-config';
export * from './person-notifications';
