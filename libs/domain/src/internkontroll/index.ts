export * from './internkontroll';
