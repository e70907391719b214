import { Group, NativeSelect, Textarea, TextInput } from '@mantine/core';
import type { ReactNode } from 'react';
import { lastDayToIso } from '../lib/format';
import { ACTION_LEVEL_LABELS } from '../lib/labels';
import { fieldError } from './QueryState';
import { UserPicker } from './UserPicker';

/** What a person fills in for an improvement action's plan (IMP-2), as typed. */
export interface ImprovementPlanDraft {
  owner: string;
  /** The last day, `ÅÅÅÅ-MM-DD`. */
  due: string;
  level: string;
  expectedEffect: string;
}

export const newImprovementPlanDraft = (due: string): ImprovementPlanDraft => ({
  owner: '',
  due,
  level: 'organisational',
  expectedEffect: '',
});

/** The plan as the api takes it: the last day counts, so it is due at the end of that day, Swedish time. */
export function improvementPlanBody(title: string, draft: ImprovementPlanDraft) {
  return {
    title: title.trim(),
    owner: draft.owner.trim(),
    level: draft.level,
    dueAt: lastDayToIso(draft.due),
    expectedEffect: draft.expectedEffect.trim(),
  };
}

/**
 * Owner, last day, level and expected effect of an improvement action, with the api's errors at the
 * fields (`plan.owner` …). `children` go into the same row (e.g. the unit).
 */
export function ImprovementPlanFields({
  value,
  onChange,
  error,
  children,
}: {
  value: ImprovementPlanDraft;
  onChange: (next: ImprovementPlanDraft) => void;
  error: unknown;
  children?: ReactNode;
}) {
  const set = (field: keyof ImprovementPlanDraft) => (text: string) => onChange({ ...value, [field]: text });
  return (
    <>
      <Group grow align="start">
        <UserPicker
          label="Ansvarig"
          required
          value={value.owner}
          onChange={set('owner')}
          error={fieldError(error, 'plan.owner')}
        />
        <TextInput
          label="Klar senast"
          withAsterisk
          placeholder="ÅÅÅÅ-MM-DD"
          value={value.due}
          onChange={(e) => set('due')(e.currentTarget.value)}
          error={fieldError(error, 'plan.dueAt')}
        />
        <NativeSelect
          label="Nivå"
          data={Object.entries(ACTION_LEVEL_LABELS).map(([level, label]) => ({ value: level, label }))}
          value={value.level}
          onChange={(e) => set('level')(e.currentTarget.value)}
        />
        {children}
      </Group>
      <Textarea
        label="Förväntad effekt"
        withAsterisk
        autosize
        minRows={2}
        value={value.expectedEffect}
        onChange={(e) => set('expectedEffect')(e.currentTarget.value)}
        error={fieldError(error, 'plan.expectedEffect')}
      />
    </>
  );
}
