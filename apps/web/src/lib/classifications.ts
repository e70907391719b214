import type { FieldError } from '../api/client';
import { rowKeys } from './row-keys';

/** The managed lists as the api keeps them (GET/PUT /api/v1/classifications, issue 24). */
export interface ClassificationEntry {
  code: string;
  label: string;
}

export interface Classifications {
  version: number;
  categories: ClassificationEntry[];
  lagrum: ClassificationEntry[];
  changedAt?: string;
  changedBy?: string;
}

export type ClassificationListName = 'categories' | 'lagrum';

export const CLASSIFICATION_LIST_TITLES: Readonly<Record<ClassificationListName, string>> = {
  categories: 'Kategorier',
  lagrum: 'Lagrum',
};

/** One editable row: a saved entry keeps its code (statistics are counted per code), a new one gets one. */
export interface ClassificationDraft {
  key: string;
  code: string;
  label: string;
  saved: boolean;
}

const newKey = rowKeys('k');

export function toDrafts(entries: readonly ClassificationEntry[]): ClassificationDraft[] {
  return entries.map((e) => ({ key: newKey(), code: e.code, label: e.label, saved: true }));
}

export function emptyDraft(): ClassificationDraft {
  return { key: newKey(), code: '', label: '', saved: false };
}

/** The body of the PUT: both whole lists in the order shown (the api's field errors name these indexes). */
export function fromDrafts(
  drafts: Readonly<Record<ClassificationListName, readonly ClassificationDraft[]>>,
  version: number,
): { version: number; categories: ClassificationEntry[]; lagrum: ClassificationEntry[] } {
  const entries = (list: readonly ClassificationDraft[]) =>
    list.map((d) => ({ code: d.code.trim(), label: d.label.trim() }));
  return { version, categories: entries(drafts.categories), lagrum: entries(drafts.lagrum) };
}

/** The api's message for one field of one row (`categories[2].label`). */
export function rowError(
  errors: readonly FieldError[],
  list: ClassificationListName,
  index: number,
  field: 'code' | 'label',
): string | undefined {
  const name = `${list}[${index}].${field}`;
  return errors.find((e) => e.field === name)?.message.replace(`Fältet ${name} `, 'Fältet ');
}

/** Errors about a list itself (`categories`: too many, annat missing). */
export function listError(errors: readonly FieldError[], list: ClassificationListName): string | undefined {
  return errors.find((e) => e.field === list)?.message;
}

/** The options of a select: the list's entries by label; an empty choice first when the field is optional. */
export function classificationOptions(
  entries: readonly ClassificationEntry[],
  empty: string,
): { value: string; label: string }[] {
  return [{ value: '', label: empty }, ...entries.map((e) => ({ value: e.code, label: e.label }))];
}

/** How a stored value shows: the label of its code, or the value itself (a case from before the lists). */
export function classificationLabel(
  lists: Pick<Classifications, ClassificationListName> | undefined,
  list: ClassificationListName,
  value: string | null | undefined,
): string | null {
  if (value === null || value === undefined) return null;
  return lists?.[list].find((e) => e.code === value)?.label ?? (value === 'annat' ? 'Annat' : value);
}

/** "Annat" with the classifier's words for it, as the case shows it (issue 21). */
export function withOtherText(label: string | null, otherText: string | null | undefined): string | null {
  if (!otherText) return label;
  return label ? `${label}: ${otherText}` : otherText;
}
