export * from './ej-verkstallt-beslut';
