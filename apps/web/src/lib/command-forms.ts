import { CASE_OUTCOME_LABELS, CASE_TYPE_LABELS, CASE_TYPES, outcomesForType } from '@kvalitet/domain';
import { CASE_LINK_RELATION_LABELS, CASE_LINK_REQUEST_RELATIONS } from '@kvalitet/domain';
import type { CaseView } from '../api/types';
import type { CommandName } from './case-commands';
import { resolveCaseRef } from './case-link-lookup';
import { classificationOptions, type Classifications } from './classifications';
import { ACTION_LEVEL_LABELS, RESPONSE_CHANNEL_LABELS } from './labels';
import { localInputToIso } from './format';
import { statutoryStepForm } from './statutory-step-forms';

type FieldKind = 'text' | 'textarea' | 'select' | 'date' | 'datetime' | 'lines' | 'yesno' | 'person';

export interface FieldSpec {
  name: string;
  label: string;
  kind: FieldKind;
  required?: boolean;
  description?: string;
  options?: { value: string; label: string }[];
  /** A `person` field lists those who work for this unit. */
  unitId?: string;
  /** A `person` field leaves out staff and ledning, who cannot be given a case. */
  handlersOnly?: boolean;
  /** Shown (and sent) only while another field has this value: the words for "Annat". */
  shownWhen?: { field: string; value: string };
}

export interface CommandForm {
  fields: FieldSpec[];
  /** Initial values for the form. */
  initial: Record<string, string>;
  /** The request body from the form's values (strings), without expectedVersion. */
  toBody(values: Record<string, string>): Record<string, unknown>;
  /** Completes the body with what must be looked up first (a case number to its id, for `link`). */
  prepare?(
    body: Record<string, unknown>,
    fetchJson: <T>(path: string) => Promise<T>,
  ): Promise<Record<string, unknown>>;
  submitLabel: string;
}

/** What some forms need besides the case: the classification lists and the units (classify). */
export interface CommandFormContext {
  classifications?: Pick<Classifications, 'categories' | 'lagrum'>;
  units?: readonly { id: string; name: string; depth?: number }[];
}

const trimmed = (v: string | undefined) => (v ?? '').trim();
const optional = (body: Record<string, unknown>, key: string, value: string | undefined) => {
  if (trimmed(value) !== '') body[key] = trimmed(value);
  return body;
};

/** A field that depends on another is shown only while that one has its value. */
export function isShown(spec: FieldSpec, values: Readonly<Record<string, string>>): boolean {
  return !spec.shownWhen || values[spec.shownWhen.field] === spec.shownWhen.value;
}

/** The form for each command of api.md, with fields named as the api names them (so its field errors land). */
export function commandForm(
  command: CommandName,
  c: CaseView,
  me: { username: string },
  today: string,
  context: CommandFormContext = {},
): CommandForm {
  switch (command) {
    case 'acknowledge':
      return {
        fields: [
          {
            name: 'note',
            label: 'Anteckning om återkopplingen',
            kind: 'textarea',
            description: 'Till exempel hur och när den som rapporterade fick besked',
          },
        ],
        initial: { note: '' },
        toBody: (v) => optional({}, 'note', v['note']),
        submitLabel: 'Registrera återkoppling',
      };
    case 'assign':
      return {
        fields: [
          {
            name: 'assignee',
            label: 'Utredare eller handläggare',
            kind: 'person',
            required: true,
            description: 'Sök på namnet',
            unitId: c.unitId,
            handlersOnly: true,
          },
        ],
        initial: { assignee: c.assignee ?? '' },
        toBody: (v) => ({ assignee: trimmed(v['assignee']) }),
        submitLabel: 'Utse',
      };
    case 'classify':
      return classifyForm(c, context);
    case 'start-investigation':
      return { fields: [], initial: {}, toBody: () => ({}), submitLabel: 'Starta utredningen' };
    case 'record-investigation':
      return {
        fields: [
          { name: 'summary', label: 'Utredningens sammanfattning', kind: 'textarea', required: true },
          {
            name: 'causes',
            label: 'Orsaker',
            kind: 'lines',
            description: 'En orsak per rad, till exempel rutin, överlämning, bemanning',
          },
          {
            name: 'deviationOccurred',
            label:
              c.type === 'lex_sarah'
                ? 'Förelåg ett missförhållande eller en avvikelse?'
                : 'Förekom en avvikelse?',
            kind: 'yesno',
            required: c.type === 'complaint',
          },
        ],
        initial: { summary: '', causes: '', deviationOccurred: '' },
        toBody: (v) => {
          const body: Record<string, unknown> = {
            summary: trimmed(v['summary']),
            causes: (v['causes'] ?? '')
              .split('\n')
              .map((s) => s.trim())
              .filter((s) => s.length > 0),
          };
          if (v['deviationOccurred'] === 'ja') body['deviationOccurred'] = true;
          if (v['deviationOccurred'] === 'nej') body['deviationOccurred'] = false;
          return body;
        },
        submitLabel: 'Registrera utredningen',
      };
    case 'decide':
      return {
        fields: [
          {
            name: 'outcome',
            label: 'Bedömning',
            kind: 'select',
            required: true,
            options: [
              { value: '', label: 'Välj bedömning' },
              ...outcomesForType(c.type).map((o) => ({ value: o, label: CASE_OUTCOME_LABELS[o] })),
            ],
          },
          { name: 'rationale', label: 'Motivering', kind: 'textarea', required: true },
        ],
        initial: { outcome: '', rationale: '' },
        toBody: (v) => ({ outcome: v['outcome'] ?? '', rationale: trimmed(v['rationale']) }),
        submitLabel: 'Fatta beslut',
      };
    case 'report-to-ivo':
      return {
        fields: [
          {
            name: 'ivoReference',
            label: 'IVO:s diarienummer',
            kind: 'text',
            required: true,
            description: 'Till exempel IVO 3.5.1-12345/2026',
          },
          { name: 'reportedAt', label: 'Datum då anmälan skickades', kind: 'date', required: true },
        ],
        initial: { ivoReference: '', reportedAt: today },
        toBody: (v) => ({ ivoReference: trimmed(v['ivoReference']), reportedAt: v['reportedAt'] ?? '' }),
        submitLabel: 'Registrera anmälan',
      };
    case 'assess-breach':
      return {
        fields: [
          {
            name: 'notifiable',
            label: 'Ska incidenten anmälas till IMY?',
            kind: 'select',
            required: true,
            options: [
              { value: '', label: 'Välj' },
              { value: 'ja', label: 'Ja, den ska anmälas inom 72 timmar' },
              { value: 'nej', label: 'Nej, den behöver inte anmälas' },
            ],
          },
          {
            name: 'rationale',
            label: 'Motivering',
            kind: 'textarea',
            required: true,
            description: 'Till exempel vilka uppgifter som berördes och risken för de registrerade.',
          },
        ],
        initial: { notifiable: '', rationale: '' },
        toBody: (v) => ({
          ...(v['notifiable'] === 'ja' || v['notifiable'] === 'nej'
            ? { notifiable: v['notifiable'] === 'ja' }
            : {}),
          rationale: trimmed(v['rationale']),
        }),
        submitLabel: 'Spara bedömningen',
      };
    case 'inform-patient':
    case 'confirm-journal-note':
    case 'inform-board':
    case 'record-ivo-decision':
      return statutoryStepForm(command, today);
    case 'respond':
      return {
        fields: [
          { name: 'respondedAt', label: 'Datum då svaret lämnades', kind: 'date', required: true },
          {
            name: 'channel',
            label: 'Hur svaret lämnades',
            kind: 'select',
            required: true,
            options: [
              { value: '', label: 'Välj' },
              ...Object.entries(RESPONSE_CHANNEL_LABELS).map(([value, label]) => ({ value, label })),
            ],
          },
          {
            name: 'summary',
            label: 'Vad svarade ni?',
            kind: 'textarea',
            required: true,
            description: 'Har den som klagat lämnat en e-postadress skickas svaret dit.',
          },
        ],
        initial: { respondedAt: today, channel: '', summary: '' },
        toBody: (v) => ({
          respondedAt: v['respondedAt'] ?? '',
          ...(v['channel'] ? { channel: v['channel'] } : {}),
          summary: trimmed(v['summary']),
        }),
        submitLabel: 'Besvara',
      };
    case 'report-to-imy':
      return {
        fields: [
          { name: 'reportedAt', label: 'När anmälan skickades', kind: 'datetime', required: true },
          {
            name: 'imyReference',
            label: 'IMY:s diarienummer (om ni fått det)',
            kind: 'text',
            required: false,
          },
        ],
        initial: { reportedAt: '', imyReference: '' },
        toBody: (v) => ({
          reportedAt: localInputToIso(v['reportedAt'] ?? '') ?? v['reportedAt'] ?? '',
          ...(trimmed(v['imyReference']) ? { imyReference: trimmed(v['imyReference']) } : {}),
        }),
        submitLabel: 'Registrera anmälan till IMY',
      };
    case 'add-action':
      return {
        fields: [
          { name: 'title', label: 'Åtgärd', kind: 'text', required: true },
          {
            name: 'level',
            label: 'Nivå',
            kind: 'select',
            required: true,
            options: Object.entries(ACTION_LEVEL_LABELS).map(([value, label]) => ({ value, label })),
          },
          { name: 'owner', label: 'Ansvarig', kind: 'person', required: true, unitId: c.unitId },
          { name: 'dueAt', label: 'Klar senast', kind: 'datetime', required: true },
        ],
        initial: { title: '', level: 'organisational', owner: me.username, dueAt: '' },
        toBody: (v) => ({
          title: trimmed(v['title']),
          level: v['level'],
          owner: trimmed(v['owner']),
          dueAt: localInputToIso(v['dueAt'] ?? '') ?? v['dueAt'] ?? '',
        }),
        submitLabel: 'Lägg till åtgärden',
      };
    case 'complete-action': {
      const open = c.actions.filter((a) => a.status === 'open');
      return {
        fields: [
          {
            name: 'actionId',
            label: 'Åtgärd',
            kind: 'select',
            required: true,
            options: open.map((a) => ({ value: a.id, label: a.title })),
          },
          {
            name: 'result',
            label: 'Resultat',
            kind: 'textarea',
            required: true,
            description: 'Vad gjordes?',
          },
        ],
        initial: { actionId: open[0]?.id ?? '', result: '' },
        toBody: (v) => ({ actionId: v['actionId'] ?? '', result: trimmed(v['result']) }),
        submitLabel: 'Markera som genomförd',
      };
    }
    case 'follow-up':
      return {
        fields: [
          { name: 'effective', label: 'Fick åtgärderna avsedd effekt?', kind: 'yesno', required: true },
          {
            name: 'note',
            label: 'Underlag för bedömningen',
            kind: 'textarea',
            required: true,
            description: 'Till exempel kontroll, mätning eller att händelsen inte upprepats',
          },
        ],
        initial: { effective: '', note: '' },
        toBody: (v) => {
          const body: Record<string, unknown> = { note: trimmed(v['note']) };
          if (v['effective'] === 'ja') body['effective'] = true;
          if (v['effective'] === 'nej') body['effective'] = false;
          return body;
        },
        submitLabel: 'Registrera uppföljningen',
      };
    case 'close':
      return {
        fields: [{ name: 'summary', label: 'Avslutande sammanfattning', kind: 'textarea', required: true }],
        initial: { summary: '' },
        toBody: (v) => ({ summary: trimmed(v['summary']) }),
        submitLabel: 'Avsluta ärendet',
      };
    case 'link':
      return {
        fields: [
          {
            name: 'caseId',
            label: 'Ärendenummer eller id',
            kind: 'text',
            required: true,
            description: 'Till exempel AV-2026-0031; du måste ha tillgång till ärendet',
          },
          {
            name: 'relation',
            label: 'Hur hänger ärendena ihop?',
            kind: 'select',
            required: true,
            options: CASE_LINK_REQUEST_RELATIONS.map((value) => ({
              value,
              label:
                value === 'led_to'
                  ? `${CASE_LINK_RELATION_LABELS[value]} (det här ärendet ledde till det andra)`
                  : CASE_LINK_RELATION_LABELS[value],
            })),
          },
        ],
        initial: { caseId: '', relation: 'related' },
        toBody: (v) => ({ caseId: trimmed(v['caseId']), relation: v['relation'] ?? 'related' }),
        prepare: async (body, fetchJson) => ({
          ...body,
          caseId: await resolveCaseRef(String(body['caseId'] ?? ''), fetchJson),
        }),
        submitLabel: 'Länka',
      };
    case 'escalate': {
      const toType = c.type === 'hsl_deviation' ? 'lex_maria' : 'lex_sarah';
      const name = toType === 'lex_maria' ? 'lex Maria' : 'lex Sarah';
      return {
        fields: [
          {
            name: 'rationale',
            label: 'Motivering',
            kind: 'textarea',
            required: true,
            description: `Varför avvikelsen ska utredas enligt ${name}. Ett nytt ${name}-ärende skapas med avvikelsens uppgifter och länkas hit; avvikelsen ligger kvar som den är.`,
          },
        ],
        initial: { rationale: '' },
        toBody: (v) => ({ toType, rationale: trimmed(v['rationale']) }),
        submitLabel: `Skapa ${name}-ärende`,
      };
    }
    case 'reopen':
      return reasonForm('Till exempel nya uppgifter eller beslut från IVO', 'Återöppna');
    case 'mark-protected-identity':
    case 'unmark-protected-identity': {
      const marking = command === 'mark-protected-identity';
      return reasonForm(
        marking
          ? 'Till exempel att personen har sekretessmarkering eller skyddad folkbokföring. Namnge inte personen.'
          : 'Till exempel att markeringen inte längre gäller enligt Skatteverket. Namnge inte personen.',
        marking ? 'Markera' : 'Ta bort markeringen',
      );
    }
  }
}

/** A command whose one field is a required reason (`Skäl`). */
function reasonForm(description: string, submitLabel: string): CommandForm {
  return {
    fields: [{ name: 'reason', label: 'Skäl', kind: 'textarea', required: true, description }],
    initial: { reason: '' },
    toBody: (v) => ({ reason: trimmed(v['reason']) }),
    submitLabel,
  };
}

/** The code of "Annat" in both lists: chosen with the classifier's own words (issue 21). */
const OTHER_CODE = 'annat';

/** The lagrum list with "Annat" last when kvalitet's list does not name it. */
function withOther(entries: readonly { code: string; label: string }[]): { code: string; label: string }[] {
  return entries.some((e) => e.code === OTHER_CODE)
    ? [...entries]
    : [...entries, { code: OTHER_CODE, label: 'Annat' }];
}

/**
 * Classify: category and lagrum chosen from the managed lists (issue 24), the types the caller may
 * change the case to (`classifyOptions`, LC-6 S3) and, for those who may, another unit.
 */
function classifyForm(c: CaseView, context: CommandFormContext): CommandForm {
  const categories = context.classifications?.categories ?? [];
  const lagrum = withOther(context.classifications?.lagrum ?? []);
  const types = c.classifyOptions?.types ?? CASE_TYPES.filter((t) => t !== c.type);
  const onList = (entries: readonly { code: string }[], value: string | null | undefined) =>
    value && entries.some((e) => e.code === value) ? value : '';
  const fields: FieldSpec[] = [
    {
      name: 'type',
      label: 'Ärendetyp',
      kind: 'select',
      options: [
        { value: '', label: `Behåll (${CASE_TYPE_LABELS[c.type]})` },
        ...types.map((t) => ({ value: t, label: CASE_TYPE_LABELS[t] })),
      ],
      ...(types.length === 0
        ? {
            description: `Typen på ett ärende av typen ${CASE_TYPE_LABELS[c.type]} ändras av ${c.type === 'lex_sarah' ? 'SAS' : 'MAS'}`,
          }
        : {}),
    },
    {
      name: 'category',
      label: 'Kategori',
      kind: 'select',
      required: true,
      options: classificationOptions(categories, 'Välj kategori'),
    },
    {
      name: 'categoryText',
      label: 'Beskriv kategorin',
      kind: 'text',
      required: true,
      description: 'Visas på ärendet. I statistiken räknas ärendet som Annat.',
      shownWhen: { field: 'category', value: OTHER_CODE },
    },
    {
      name: 'lagrum',
      label: 'Lagrum',
      kind: 'select',
      options: classificationOptions(lagrum, 'Inget lagrum'),
    },
    {
      name: 'lagrumText',
      label: 'Beskriv lagrummet',
      kind: 'text',
      required: true,
      description: 'Till exempel kapitel, paragraf och lag',
      shownWhen: { field: 'lagrum', value: OTHER_CODE },
    },
  ];
  if (c.classifyOptions?.moveUnit && context.units && context.units.length > 0)
    fields.push({
      name: 'unitId',
      label: 'Enhet',
      kind: 'select',
      description: 'Flytta ärendet till en annan enhet (central registrering)',
      options: [
        { value: '', label: 'Behåll enheten' },
        ...context.units
          .filter((u) => u.id !== c.unitId)
          .map((u) => ({ value: u.id, label: `${'\u2003'.repeat(u.depth ?? 0)}${u.name}` })),
      ],
    });
  fields.push({
    name: 'rationale',
    label: 'Motivering',
    kind: 'textarea',
    description: 'Krävs när typen ändras',
  });
  return {
    fields,
    initial: {
      type: '',
      category: onList(categories, c.category),
      categoryText: c.categoryText ?? '',
      lagrum: onList(lagrum, c.lagrum),
      lagrumText: c.lagrumText ?? '',
      unitId: '',
      rationale: '',
    },
    toBody: (v) => {
      const body: Record<string, unknown> = { category: trimmed(v['category']) };
      optional(body, 'type', v['type']);
      optional(body, 'lagrum', v['lagrum']);
      if (trimmed(v['category']) === OTHER_CODE) optional(body, 'categoryText', v['categoryText']);
      if (trimmed(v['lagrum']) === OTHER_CODE) optional(body, 'lagrumText', v['lagrumText']);
      optional(body, 'unitId', v['unitId']);
      return optional(body, 'rationale', v['rationale']);
    },
    submitLabel: 'Klassificera',
  };
}
