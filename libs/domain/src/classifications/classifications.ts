/**
 * The organisation's managed classification lists (issue 24, api.md v1.1 "Reads, searches and
 * reclassification"): a case's `category` and `lagrum` are codes from lists that kvalitet keeps, so
 * that statistics and the material for ledning and the nämnd carry labels from a list, never free
 * text (REP-15). Pure: used by the api (validation), the projector (mapping to codes) and the reports
 * (labels).
 */
export interface ClassificationEntry {
  readonly code: string;
  readonly label: string;
}

export interface ClassificationLists {
  readonly categories: readonly ClassificationEntry[];
  readonly lagrum: readonly ClassificationEntry[];
}

export const CLASSIFICATION_LIST_NAMES = ['categories', 'lagrum'] as const;
export type ClassificationListName = (typeof CLASSIFICATION_LIST_NAMES)[number];

/** The category every value off the list is counted as; the category list must keep it. */
export const OTHER_CLASSIFICATION_CODE = 'annat';
export const OTHER_CLASSIFICATION_LABEL = 'Annat';
/** What reports show for a case without a category or lagrum (the statistics key `ej_angiven`). */
export const NOT_GIVEN_CLASSIFICATION_LABEL = 'Ej angiven';
/** Reserved: the statistics' key for "no value" (period-statistics NOT_GIVEN). */
const RESERVED_CODES = ['ej_angiven'];

export const CLASSIFICATION_MAX_ENTRIES = 200;
export const CLASSIFICATION_CODE_MAX_LENGTH = 100;
export const CLASSIFICATION_LABEL_MAX_LENGTH = 200;

/** The demo lists (api.md v1.1), in force until kvalitet saves a version of its own. */
export const DEFAULT_CLASSIFICATIONS: ClassificationLists = {
  categories: [
    { code: 'bemotande', label: 'Bemötande' },
    { code: 'läkemedel', label: 'Läkemedel' },
    { code: 'fall', label: 'Fall' },
    { code: 'omvårdnad', label: 'Omvårdnad' },
    { code: 'dokumentation', label: 'Dokumentation' },
    { code: 'tillsyn', label: 'Tillsyn' },
    { code: 'delegering', label: 'Delegering' },
    // CT-9 and CT-10: organisational deviations and deviations in care collaboration are categories.
    { code: 'organisational', label: 'Samverkan mellan förvaltningar' },
    { code: 'care_collaboration', label: 'Vårdsamverkan med regionen' },
    { code: OTHER_CLASSIFICATION_CODE, label: OTHER_CLASSIFICATION_LABEL },
  ],
  lagrum: [
    { code: '14 kap. 3 § SoL', label: '14 kap. 3 § SoL (lex Sarah)' },
    { code: '24 b § LSS', label: '24 b § LSS (lex Sarah)' },
    { code: '3 kap. 5 § PSL', label: '3 kap. 5 § PSL (lex Maria)' },
  ],
};

const LIST_NOUN: Readonly<Record<ClassificationListName, string>> = {
  categories: 'kategori',
  lagrum: 'lagrum',
};

export interface ClassificationFieldError {
  readonly field: string;
  readonly code:
    'REQUIRED' | 'DUPLICATE' | 'RESERVED_CODE' | 'OTHER_REQUIRED' | 'NOT_ON_LIST' | 'OTHER_TEXT_REQUIRED';
  readonly message: string;
}

const fold = (value: string): string => value.trim().toLocaleLowerCase('sv-SE');

/** Codes and labels trimmed (class-validator has already checked types and lengths). */
export function normaliseClassifications(lists: ClassificationLists): ClassificationLists {
  const trim = (entries: readonly ClassificationEntry[]) =>
    entries.map((e) => ({ code: e.code.trim(), label: e.label.trim() }));
  return { categories: trim(lists.categories), lagrum: trim(lists.lagrum) };
}

/**
 * What the structure check cannot see: no blank code or label, no code or label twice in a list (a
 * free-text value is matched to a code by its code or label, so each must point at one entry), no
 * reserved code, and the category `annat` kept (everything off the list is counted as it).
 */
export function classificationErrors(lists: ClassificationLists): ClassificationFieldError[] {
  const errors: ClassificationFieldError[] = [];
  for (const name of CLASSIFICATION_LIST_NAMES) {
    const owner = new Map<string, number>();
    lists[name].forEach((entry, index) => {
      for (const key of ['code', 'label'] as const) {
        const field = `${name}[${index}].${key}`;
        const value = entry[key].trim();
        if (value === '') {
          errors.push({ field, code: 'REQUIRED', message: `Fältet ${field} får inte vara tomt.` });
          continue;
        }
        if (key === 'code' && RESERVED_CODES.includes(fold(value))) {
          errors.push({
            field,
            code: 'RESERVED_CODE',
            message: `Koden ${value} är reserverad för ärenden utan ${LIST_NOUN[name]}.`,
          });
          continue;
        }
        const first = owner.get(fold(value));
        if (first !== undefined && first !== index) {
          errors.push({
            field,
            code: 'DUPLICATE',
            message: `${value} finns redan i listan (rad ${first + 1}); varje kod och benämning får bara förekomma en gång.`,
          });
        } else owner.set(fold(value), index);
      }
    });
  }
  if (!lists.categories.some((e) => e.code.trim() === OTHER_CLASSIFICATION_CODE))
    errors.push({
      field: 'categories',
      code: 'OTHER_REQUIRED',
      message: `Kategorin ${OTHER_CLASSIFICATION_CODE} måste finnas kvar: allt som inte finns på listan räknas dit i statistiken.`,
    });
  return errors;
}

/**
 * A classify command's `category` / `lagrum` that is not a code of the current list (400, naming the
 * field), and an `annat` without the words for it (`categoryText` / `lagrumText`, issue 21). `annat`
 * is a choice in both lists even where kvalitet's lagrum list does not name it.
 */
export function unlistedClassificationErrors(
  lists: ClassificationLists,
  values: {
    readonly category?: unknown;
    readonly lagrum?: unknown;
    readonly categoryText?: unknown;
    readonly lagrumText?: unknown;
  },
): ClassificationFieldError[] {
  const errors: ClassificationFieldError[] = [];
  const check = (field: 'category' | 'lagrum', list: ClassificationListName) => {
    const value = values[field];
    if (typeof value !== 'string') return;
    if (value.trim() === OTHER_CLASSIFICATION_CODE) {
      const text = values[`${field}Text`];
      if (typeof text !== 'string' || text.trim() === '')
        errors.push({
          field: `${field}Text`,
          code: 'OTHER_TEXT_REQUIRED',
          message:
            field === 'category'
              ? 'Beskriv kategorin när du väljer Annat.'
              : 'Beskriv lagrummet när du väljer Annat.',
        });
      return;
    }
    if (lists[list].some((e) => e.code === value.trim())) return;
    const codes = lists[list].map((e) => e.code).join(', ');
    errors.push({
      field,
      code: 'NOT_ON_LIST',
      message: `Fältet ${field} måste vara en kod från listan över ${list === 'categories' ? 'kategorier' : 'lagrum'} (GET /api/v1/classifications): ${codes}.`,
    });
  };
  check('category', 'categories');
  check('lagrum', 'lagrum');
  return errors;
}

/**
 * Every code and label the organisation has used: the demo lists and each saved version, the newest
 * first. Maps a stored value to a code (the same rule in the projector and in the migration that
 * turned the free text of earlier versions into codes) and a code to the label reports show.
 */
export class ClassificationVocabulary {
  private readonly codes: Record<ClassificationListName, Set<string>>;
  private readonly lookup: Record<ClassificationListName, Map<string, string>>;
  private readonly labels: Record<ClassificationListName, Map<string, string>>;

  /** `versions` oldest first, as saved; the demo lists come before them all. */
  constructor(versions: readonly ClassificationLists[] = []) {
    const newestFirst = [...versions].reverse().concat([DEFAULT_CLASSIFICATIONS]);
    this.codes = { categories: new Set(), lagrum: new Set() };
    this.lookup = { categories: new Map(), lagrum: new Map() };
    this.labels = { categories: new Map(), lagrum: new Map() };
    for (const lists of newestFirst) {
      for (const name of CLASSIFICATION_LIST_NAMES) {
        for (const entry of lists[name]) {
          this.codes[name].add(entry.code);
          if (!this.labels[name].has(entry.code)) this.labels[name].set(entry.code, entry.label);
          for (const key of [entry.code, entry.label])
            if (!this.lookup[name].has(fold(key))) this.lookup[name].set(fold(key), entry.code);
        }
      }
    }
  }

  /**
   * The code a stored value stands for: a code as it is; a value equal to a code or label (case and
   * surrounding space ignored) that code; anything else `annat`. Nothing stays null.
   */
  codeOf(list: ClassificationListName, value: string | null | undefined): string | null {
    if (value === null || value === undefined) return null;
    if (this.codes[list].has(value)) return value;
    return this.lookup[list].get(fold(value)) ?? OTHER_CLASSIFICATION_CODE;
  }

  /** The label of a code for reports: never the value itself unless it is a label from a list. */
  labelOf(list: ClassificationListName, code: string | null | undefined): string {
    if (code === null || code === undefined || RESERVED_CODES.includes(code))
      return NOT_GIVEN_CLASSIFICATION_LABEL;
    if (code === OTHER_CLASSIFICATION_CODE) return this.labels[list].get(code) ?? OTHER_CLASSIFICATION_LABEL;
    return (
      this.labels[list].get(code) ??
      this.labels[list].get(OTHER_CLASSIFICATION_CODE) ??
      OTHER_CLASSIFICATION_LABEL
    );
  }
}

/**
 * A statistics fact (or row) as the statistics keep it: category and lagrum as codes of the lists,
 * never the typed text (REP-15). The projector applies it to every fact it writes.
 */
export function withClassificationCodes<
  T extends { readonly category: string | null; readonly lagrum: string | null },
>(fact: T, vocabulary: ClassificationVocabulary): T {
  return {
    ...fact,
    category: vocabulary.codeOf('categories', fact.category),
    lagrum: vocabulary.codeOf('lagrum', fact.lagrum),
  };
}

/** The labels of the demo lists (documents composed without the organisation's saved lists). */
export const DEFAULT_CLASSIFICATION_VOCABULARY = new ClassificationVocabulary();
