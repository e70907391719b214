import { InitialSchema1764090000000 } from './1764090000000-initial-schema';
import { ReadModels1764090100000 } from './1764090100000-read-models';

export const MIGRATIONS = [InitialSchema1764090000000, ReadModels1764090100000];
