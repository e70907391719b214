/**
 * Fields of event data that may hold personal data or free text about a person. They are stored in
 * `personal_data`, not in `events`, so they can be erased when retention ends without rewriting the
 * append-only history (ADR 0002). Paths are top-level keys or one level of nesting (`reporter.name`).
 */
export const PERSONAL_FIELD_PATHS: readonly string[] = [
  'description',
  'immediateActions',
  'onBehalfOf',
  'contact',
  'name',
  'reporter.name',
  'personRef',
  'note',
  'summary',
  'rationale',
  'result',
  'reason',
  'causes',
];

/**
 * The case aggregate's free text beyond the shared list (DATA-2, DATA-7): an action's `title` is
 * written about the person ("samtal med …") and a `notPossibleReason` says why the patient could not
 * be told (LC-8 step 3). Other aggregates keep their `title` in the row: a routine's or a risk
 * assessment's title is not about a person. Left in the row on purpose: `ivoReference`,
 * `imyReference` (the authority's diarienummer), `paragraph` (the board minutes' §), `category`,
 * `lagrum`, usernames — codes and references, not text about a person. Events recorded before this
 * list grew keep these fields in the row (append-only, DATA-6; ADR 0002 amended 2026-12-07).
 */
export const CASE_PERSONAL_FIELD_PATHS: readonly string[] = [
  ...PERSONAL_FIELD_PATHS,
  'title',
  'notPossibleReason',
  // the classifier's words for "annat" (issue 21) may describe the person or the event
  'categoryText',
  'lagrumText',
];

/**
 * A händelseanalys (RA-11) beyond the shared list: its `team` names the people who took part, and a
 * timeline entry's `what` tells what happened around the person the linked cases are about.
 */
export const EVENT_ANALYSIS_PERSONAL_FIELD_PATHS: readonly string[] = [
  ...PERSONAL_FIELD_PATHS,
  'team',
  'what',
];

const PATHS_BY_AGGREGATE: Readonly<Record<string, readonly string[]>> = {
  case: CASE_PERSONAL_FIELD_PATHS,
  event_analysis: EVENT_ANALYSIS_PERSONAL_FIELD_PATHS,
};

/** The fields moved to `personal_data` (and sealed on Kafka) for events of `aggregateType`. */
export function personalFieldPathsFor(aggregateType: string): readonly string[] {
  return PATHS_BY_AGGREGATE[aggregateType] ?? PERSONAL_FIELD_PATHS;
}

export const ERASED_MARKER = '[raderad]';

type Json = Record<string, unknown>;

function isRecord(value: unknown): value is Json {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Splits event data into the part that stays in the event and the personal part. */
export function splitPersonalData(
  data: Json,
  paths: readonly string[] = PERSONAL_FIELD_PATHS,
): { stripped: Json; personal: Json | null } {
  const stripped: Json = { ...data };
  const personal: Json = {};
  let found = false;
  for (const path of paths) {
    const [head, child] = path.split('.') as [string, string | undefined];
    if (child === undefined) {
      if (head in stripped) {
        personal[head] = stripped[head];
        delete stripped[head];
        found = true;
      }
      continue;
    }
    const parent = stripped[head];
    if (isRecord(parent) && child in parent) {
      const { [child]: value, ...rest } = parent;
      stripped[head] = rest;
      personal[path] = value;
      found = true;
    }
  }
  return { stripped, personal: found ? personal : null };
}

/** Puts the personal part back (after erasure every value is the marker, so readers see the gap). */
export function mergePersonalData(stripped: Json, personal: Json | null): Json {
  const merged: Json = { ...stripped };
  const apply = (path: string, value: unknown) => {
    const [head, child] = path.split('.') as [string, string | undefined];
    if (child === undefined) {
      merged[head] = value;
    } else {
      merged[head] = { ...(isRecord(merged[head]) ? merged[head] : {}), [child]: value };
    }
  };
  if (personal) {
    for (const [path, value] of Object.entries(personal)) apply(path, value);
  }
  return merged;
}
