export * from './statistics-store';
export * from './report-pdf';
export * from './report-service';
export * from './report-archive';
export * from './reporting-config';
export * from './report-organisation';
export * from './statistics-aggregates';
export * from './unit-scope';
