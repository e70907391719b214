import { InitialSchema1764090000000 } from './1764090000000-initial-schema';

export const MIGRATIONS = [InitialSchema1764090000000];
