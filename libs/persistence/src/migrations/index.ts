import { InitialSchema1764090000000 } from './1764090000000-initial-schema';
import { ReadModels1764090100000 } from './1764090100000-read-models';
import { LedningssystemReadModels1764120000000 } from './1764120000000-ledningssystem-read-models';
import { MailMessages1764100000000 } from './1764100000000-mail-messages';

export const MIGRATIONS = [InitialSchema1764090000000, ReadModels1764090100000, MailMessages1764100000000, LedningssystemReadModels1764120000000];
