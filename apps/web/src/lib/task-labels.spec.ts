import {
  CASE_TASK_KINDS,
  CASE_TYPES,
  IMPROVEMENT_TASK_KINDS,
  IMPROVEMENT_TASK_SOURCE,
  LEDNINGSSYSTEM_TASK_KINDS,
  RISK_ASSESSMENT_TASK_SOURCE,
  RISK_TASK_KINDS,
  ledningssystemAggregateTypes,
} from '@kvalitet/domain';
import type { Task } from '../api/types';
import { taskKindLabel, taskSourceLabel } from './labels';
import { TASK_KIND_LABELS, TASK_SOURCE_LABELS, taskHref } from './tasks';

const EVERY_KIND = [
  ...CASE_TASK_KINDS,
  ...LEDNINGSSYSTEM_TASK_KINDS,
  ...RISK_TASK_KINDS,
  ...IMPROVEMENT_TASK_KINDS,
];
const EVERY_SOURCE = [
  ...CASE_TYPES,
  ...ledningssystemAggregateTypes(),
  RISK_ASSESSMENT_TASK_SOURCE,
  IMPROVEMENT_TASK_SOURCE,
];

/** Plain Swedish: no code, no underscore, no requirement id. */
const plainSwedish = (label: string, code: string) => {
  expect(label).not.toBe(code);
  expect(label).not.toMatch(/_|\b[A-Z]{2,4}-\d+\b/);
  expect(label.trim().length).toBeGreaterThan(2);
};

describe('every task kind and source has a Swedish label (issue 21)', () => {
  it.each(EVERY_KIND)('kind %s', (kind) => {
    expect(Object.hasOwn(TASK_KIND_LABELS, kind)).toBe(true);
    plainSwedish(taskKindLabel(kind), kind);
  });

  it.each(EVERY_SOURCE)('source %s', (source) => {
    expect(Object.hasOwn(TASK_SOURCE_LABELS, source)).toBe(true);
    plainSwedish(taskSourceLabel(source), source);
  });

  it('an unknown kind or source reads as plain words, not as its code', () => {
    expect(taskKindLabel('new_kind_from_a_newer_api')).toBe('Uppgift');
    expect(taskSourceLabel('new_register')).toBe('Övrigt');
  });
});

describe('each task opens the page where it is done', () => {
  const withoutPage = new Set<string>();

  it.each(EVERY_SOURCE.filter((s) => !withoutPage.has(s)))(
    'source %s has a page, never a case page for a register',
    (caseType) => {
      const href = taskHref({ id: 't1', caseId: 'c1', caseType: caseType as Task['caseType'] });
      expect(href).not.toBeNull();
      if (!(CASE_TYPES as readonly string[]).includes(caseType)) expect(href).not.toMatch(/^\/arenden\//);
    },
  );

  it('an ej verkställt beslut opens the register of them, not the ledningssystem start page', () => {
    expect(taskHref({ caseId: 'c1', caseType: 'ej_verkstallt_beslut' })).toBe(
      '/ledningssystem/ej-verkstallda-beslut',
    );
  });

  it('improvement tasks open the improvement page, a lesson as a lesson (issue 21)', () => {
    expect(taskHref({ caseId: 'c1', caseType: IMPROVEMENT_TASK_SOURCE, kind: 'implement_improvement' })).toBe(
      '/forbattringar/c1',
    );
    expect(taskHref({ caseId: 'c1', caseType: IMPROVEMENT_TASK_SOURCE, kind: 'check_lesson' })).toBe(
      '/forbattringar/c1?typ=lardom',
    );
  });
});
