import type { CommandForm } from './command-forms';
import { localInputToIso } from './format';

/** The statutory steps of lex Maria and lex Sarah (api.md v1.1; LC-8 steps 3, 4, 6; DL-6, DL-9). */
export type StatutoryStepCommand =
  'inform-patient' | 'confirm-journal-note' | 'inform-board' | 'record-ivo-decision';

export const PATIENT_INFORMED_WHO_LABELS: Readonly<Record<string, string>> = {
  patient: 'Patienten',
  relative: 'Närstående',
  legal_representative: 'Legal företrädare',
};

export const PATIENT_INFORMED_HOW_LABELS: Readonly<Record<string, string>> = {
  meeting: 'Vid möte',
  phone: 'Per telefon',
  letter: 'Per brev',
  digital: 'Digitalt',
};

const choose = (labels: Readonly<Record<string, string>>) => [
  { value: '', label: 'Välj' },
  ...Object.entries(labels).map(([value, label]) => ({ value, label })),
];

const trimmed = (v: string | undefined) => (v ?? '').trim();

export function statutoryStepForm(command: StatutoryStepCommand, today: string): CommandForm {
  switch (command) {
    case 'inform-patient':
      return {
        fields: [
          { name: 'informedAt', label: 'När informationen gavs', kind: 'datetime' },
          {
            name: 'who',
            label: 'Vem som informerades',
            kind: 'select',
            options: choose(PATIENT_INFORMED_WHO_LABELS),
          },
          { name: 'how', label: 'Hur', kind: 'select', options: choose(PATIENT_INFORMED_HOW_LABELS) },
          { name: 'note', label: 'Anteckning', kind: 'textarea' },
          {
            name: 'notPossibleReason',
            label: 'Om informationen inte var möjlig: varför',
            kind: 'textarea',
            description:
              'Fyll i detta i stället för fälten ovan när patient eller närstående inte kunde informeras.',
          },
        ],
        initial: { informedAt: '', who: '', how: '', note: '', notPossibleReason: '' },
        toBody: (v) => {
          if (trimmed(v['notPossibleReason']) !== '')
            return { notPossibleReason: trimmed(v['notPossibleReason']) };
          return {
            informedAt: localInputToIso(v['informedAt'] ?? '') ?? v['informedAt'] ?? '',
            who: v['who'] ?? '',
            how: v['how'] ?? '',
            ...(trimmed(v['note']) ? { note: trimmed(v['note']) } : {}),
          };
        },
        submitLabel: 'Registrera informationen',
      };
    case 'confirm-journal-note':
      return {
        fields: [{ name: 'notedAt', label: 'Datum för journalanteckningen', kind: 'date', required: true }],
        initial: { notedAt: today },
        toBody: (v) => ({ notedAt: v['notedAt'] ?? '' }),
        submitLabel: 'Bekräfta journalanteckning',
      };
    case 'inform-board':
      return {
        fields: [
          { name: 'meetingDate', label: 'Nämndens sammanträde', kind: 'date', required: true },
          {
            name: 'paragraph',
            label: 'Paragraf i protokollet',
            kind: 'text',
            description: 'Till exempel § 141',
          },
        ],
        initial: { meetingDate: today, paragraph: '' },
        toBody: (v) => ({
          meetingDate: v['meetingDate'] ?? '',
          ...(trimmed(v['paragraph']) ? { paragraph: trimmed(v['paragraph']) } : {}),
        }),
        submitLabel: 'Registrera att nämnden informerats',
      };
    case 'record-ivo-decision':
      return {
        fields: [
          { name: 'decidedAt', label: 'Datum för IVO:s beslut', kind: 'date', required: true },
          { name: 'summary', label: 'IVO:s beslut i korthet', kind: 'textarea', required: true },
          {
            name: 'reopen',
            label: 'Öppna ärendet igen med beslutet som skäl?',
            kind: 'yesno',
            description: 'Bara för ett avslutat ärende, när IVO kräver mer.',
          },
        ],
        initial: { decidedAt: today, summary: '', reopen: 'nej' },
        toBody: (v) => ({
          decidedAt: v['decidedAt'] ?? '',
          summary: trimmed(v['summary']),
          ...(v['reopen'] === 'ja' ? { reopen: true } : {}),
        }),
        submitLabel: 'Registrera IVO:s beslut',
      };
  }
}
