import { Badge, Group, List, Text } from '@mantine/core';
import type { CaseView } from '../api/types';
import { useUserName } from '../api/users';
import { describeDue, formatDateTime } from '../lib/format';
import { roleLabel } from '../lib/labels';
import { PATIENT_INFORMED_HOW_LABELS, PATIENT_INFORMED_WHO_LABELS } from '../lib/statutory-step-forms';

type Step = CaseView['statutorySteps'][number];

const STATUS: Record<Step['status'], { label: string; color: string }> = {
  done: { label: 'Klart', color: '#1b5e20' },
  due: { label: 'Att göra', color: 'blue.8' },
  overdue: { label: 'Försenat', color: 'red.9' },
  waiting: { label: 'Väntar på tidigare steg', color: 'gray.7' },
  not_required: { label: 'Krävs inte', color: 'gray.7' },
};

/** What was recorded for a step: who, when and how (each step is on record with actor and role). */
function recorded(view: CaseView, step: Step, nameOf: (username: string) => string): string | null {
  const by = (who: { by: string; role: string }) => `${nameOf(who.by)} (${roleLabel(who.role)})`;
  switch (step.key) {
    case 'patient_information': {
      const p = view.patientInformation;
      if (!p) return null;
      if (p.notPossibleReason) return `Inte möjligt: ${p.notPossibleReason} – ${by(p)}`;
      const who = PATIENT_INFORMED_WHO_LABELS[p.who ?? ''] ?? p.who;
      const how = (PATIENT_INFORMED_HOW_LABELS[p.how ?? ''] ?? p.how ?? '').toLowerCase();
      return `${who} ${how}, ${formatDateTime(p.informedAt ?? null)} – ${by(p)}${p.note ? `. ${p.note}` : ''}`;
    }
    case 'journal_note':
      return view.journalNote
        ? `${formatDateTime(view.journalNote.notedAt)} – ${by(view.journalNote)}`
        : null;
    case 'board_information': {
      const b = view.boardInformation;
      return b ? `Sammanträdet ${b.meetingDate}${b.paragraph ? `, ${b.paragraph}` : ''} – ${by(b)}` : null;
    }
    default:
      return step.doneAt ? formatDateTime(step.doneAt) : null;
  }
}

/**
 * The statutory steps of a lex Maria, lex Sarah or HSL case at a glance (LC-7, LC-8, DL-6, DL-9):
 * done, to do (with the time left), overdue, waiting or not required — the MAS's and SAS's checklist.
 */
export function StatutoryChecklist({ view }: { view: CaseView }) {
  const nameOf = useUserName();
  return (
    <List spacing="xs" listStyleType="none" ml={0} pl={0} aria-label="Lagstadgade steg">
      {view.statutorySteps.map((step, index) => {
        const status = STATUS[step.status];
        const detail = step.status === 'done' ? recorded(view, step, nameOf) : null;
        return (
          <List.Item key={step.key} data-testid={`steg-${step.key}`} data-status={step.status}>
            <Group gap="xs" wrap="nowrap" align="flex-start">
              <Badge color={status.color} variant="filled" miw={150}>
                {status.label}
              </Badge>
              <div>
                <Text size="sm" fw={600}>
                  {index + 1}. {step.label}
                </Text>
                {detail ? <Text size="sm">{detail}</Text> : null}
                {(step.status === 'due' || step.status === 'overdue') && step.dueAt ? (
                  <Text size="sm" c={step.status === 'overdue' ? 'red.9' : undefined}>
                    Senast {formatDateTime(step.dueAt)} ({describeDue(step.dueAt)})
                  </Text>
                ) : null}
              </div>
            </Group>
          </List.Item>
        );
      })}
      {view.ivoDecisions.map((decision) => (
        <List.Item key={decision.at} data-testid="ivo-beslut">
          <Text size="sm">
            <strong>IVO:s beslut {decision.decidedAt}:</strong> {decision.summary}
            {decision.reopened ? ' (ärendet öppnades igen)' : ''} – {nameOf(decision.by)} (
            {roleLabel(decision.role)})
          </Text>
        </List.Item>
      ))}
    </List>
  );
}
