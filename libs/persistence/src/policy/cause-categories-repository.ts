import { DEFAULT_CAUSE_CATEGORIES, type CauseCategory } from '@kvalitet/domain';
import type { EventEnvelope } from '@kvalitet/contracts';
import type { EventStore } from '../event-store/event-store';
import { changeStampOf, SettingRepository } from './setting-repository';

/** The cause categories of händelseanalyser (IMP-5, ADR 0040): a setting under the `policy` aggregate type. */
export const CAUSE_CATEGORIES_ID = '00000000-0000-4000-8000-0000000ca05e';

export const CAUSE_CATEGORIES_CHANGED = 'CauseCategoriesChanged';

export interface CauseCategoriesChangedData {
  categoriesVersion: number;
  categories: CauseCategory[];
}

export interface SavedCauseCategories {
  /** 1 = the defaults (nothing saved yet); each save adds one. */
  readonly version: number;
  readonly categories: readonly CauseCategory[];
  readonly changedAt?: string;
  readonly changedBy?: string;
}

export class CauseCategoriesRepository extends SettingRepository<
  SavedCauseCategories,
  readonly CauseCategory[],
  CauseCategoriesChangedData
> {
  constructor(store: EventStore, categoriesId: string = CAUSE_CATEGORIES_ID) {
    super(store, categoriesId, CAUSE_CATEGORIES_CHANGED, 'cause-categories');
  }

  protected settingAfter(changes: readonly EventEnvelope[]): SavedCauseCategories {
    const last = changes[changes.length - 1];
    if (!last) return { version: 1, categories: DEFAULT_CAUSE_CATEGORIES };
    const data = last.data as unknown as CauseCategoriesChangedData;
    return { version: changes.length + 1, categories: data.categories, ...changeStampOf(last) };
  }

  protected dataOf(
    categories: readonly CauseCategory[],
    categoriesVersion: number,
  ): CauseCategoriesChangedData {
    return { categoriesVersion, categories: categories.map((c) => ({ code: c.code, label: c.label })) };
  }
}
