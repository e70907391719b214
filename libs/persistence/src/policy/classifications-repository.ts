import {
  ClassificationVocabulary,
  DEFAULT_CLASSIFICATIONS,
  type ClassificationEntry,
  type ClassificationLists,
} from '@kvalitet/domain';
import type { EventEnvelope } from '@kvalitet/contracts';
import type { EventStore } from '../event-store/event-store';
import { rowsOf, type Queryable } from '../sql/rows-of';
import { changeStampOf, SettingRepository } from './setting-repository';

/**
 * The managed classification lists (issue 24): categories and lagrum, a stream of its own under the
 * `policy` aggregate type (the organisation's settings, like the deadline policy and the meeting
 * calendar).
 */
export const CLASSIFICATIONS_ID = '00000000-0000-4000-8000-00000000c1a5';

export const CLASSIFICATIONS_CHANGED = 'ClassificationsChanged';

export interface ClassificationsChangedData {
  /** The version this change creates (= 1 + the aggregate version of the event). */
  listsVersion: number;
  categories: ClassificationEntry[];
  lagrum: ClassificationEntry[];
}

export interface SavedClassifications extends ClassificationLists {
  /** 1 = the demo lists (nothing saved yet); each save adds one, like the deadline policy. */
  readonly version: number;
  readonly changedAt?: string;
  readonly changedBy?: string;
}

function listsOf(data: unknown): ClassificationLists {
  const d = data as Partial<ClassificationsChangedData>;
  return { categories: d.categories ?? [], lagrum: d.lagrum ?? [] };
}

/**
 * Every saved version, oldest first, read straight from the event rows (no personal data): the
 * projector maps stored values to codes with it, the reports label codes with it, and the migration
 * of issue 24 used the same rule.
 */
export async function loadClassificationVersions(
  db: Queryable,
  listsId: string = CLASSIFICATIONS_ID,
): Promise<ClassificationLists[]> {
  const rows = rowsOf<{ data: unknown }>(
    await db.query(`SELECT data FROM events WHERE aggregate_id = $1 AND type = $2 ORDER BY version`, [
      listsId,
      CLASSIFICATIONS_CHANGED,
    ]),
  );
  return rows.map((r) => listsOf(r.data));
}

export async function loadClassificationVocabulary(
  db: Queryable,
  listsId: string = CLASSIFICATIONS_ID,
): Promise<ClassificationVocabulary> {
  return new ClassificationVocabulary(await loadClassificationVersions(db, listsId));
}

/** Versioned like the deadline policy: every save is an event carrying both whole lists. */
export class ClassificationsRepository extends SettingRepository<
  SavedClassifications,
  ClassificationLists,
  ClassificationsChangedData
> {
  constructor(store: EventStore, listsId: string = CLASSIFICATIONS_ID) {
    super(store, listsId, CLASSIFICATIONS_CHANGED, 'classifications');
  }

  protected settingAfter(changes: readonly EventEnvelope[]): SavedClassifications {
    const last = changes[changes.length - 1];
    if (!last)
      return {
        version: 1,
        categories: DEFAULT_CLASSIFICATIONS.categories,
        lagrum: DEFAULT_CLASSIFICATIONS.lagrum,
      };
    return { version: changes.length + 1, ...listsOf(last.data), ...changeStampOf(last) };
  }

  protected dataOf(lists: ClassificationLists, listsVersion: number): ClassificationsChangedData {
    return {
      listsVersion,
      categories: lists.categories.map((e) => ({ code: e.code, label: e.label })),
      lagrum: lists.lagrum.map((e) => ({ code: e.code, label: e.label })),
    };
  }
}
