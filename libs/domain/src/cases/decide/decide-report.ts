import { CHANNELS } from '../case-channel';
import type { CaseCommandOfType } from '../case-commands';
import type { CaseContact, CaseOnBehalfOf, CaseReporter } from '../case-events';
import { parseCaseNumber } from '../case-number';
import { caseRefusal } from '../case-refusal';
import type { CaseRefusal } from '../case-refusal';
import type { CaseState } from '../case-state';
import {
  CASE_NUMBER_PREFIXES,
  CASE_TYPES,
  FEEDBACK_KINDS,
  LATE_REPORT_TYPES,
  isCaseType,
  isFeedbackKind,
} from '../case-type';
import type { CaseType } from '../case-type';
import { stockholmStartOfDay } from '../../calendar/stockholm-time';
import { addPolicyDuration } from '../../policy/add-policy-duration';
import { DEFAULT_DEADLINE_POLICY, policyDurationOf } from '../../policy/default-deadline-policy';
import { accepted, refused } from './decide-result';
import type { DecideCaseResult } from './decide-result';
import {
  checkDateOrDateTime,
  checkDateTime,
  checkNotInFuture,
  checkOneOf,
  checkOptionalBoolean,
  checkOptionalText,
  checkRequiredText,
  firstRefusal,
  invalidField,
  isDate,
  normalisedTimestamp,
  optionalText,
  requiredText,
} from './validation';

/** Event reports must say when the event happened (LC-6 S1 "observed at"; DL-2 is measured from it). */
const TYPES_REQUIRING_OCCURRED_AT: readonly CaseType[] = [
  'deviation',
  'hsl_deviation',
  'lex_sarah',
  'lex_maria',
  'data_breach',
];

type ReportCommand = CaseCommandOfType<'report'>;

function checkCaseNumber(caseNumber: unknown, type: CaseType): CaseRefusal | null {
  const required = checkRequiredText(caseNumber, 'caseNumber', 'ärendenummer');
  if (required) return required;
  const parsed = parseCaseNumber(String(caseNumber).trim());
  const prefix = CASE_NUMBER_PREFIXES[type];
  if (parsed === null || parsed.prefix !== prefix) {
    return invalidField('caseNumber', `Ärendenumret måste ha formen ${prefix}-ÅÅÅÅ-NNNN för typen.`);
  }
  return null;
}

function checkClassification(data: ReportCommand['data'], type: CaseType): CaseRefusal | null {
  if (data.unclassified === true && !isFeedbackKind(type)) {
    return invalidField(
      'type',
      'Ett oklassificerat ärende måste ha typen klagomål, synpunkt eller beröm tills det klassificeras.',
    );
  }
  if (data.kind === undefined) return null;
  const kind = checkOneOf(data.kind, FEEDBACK_KINDS, 'kind', 'kategori');
  if (kind) return kind;
  if (data.unclassified === true || data.kind !== type) {
    return invalidField(
      'kind',
      'Kategorin som den som lämnat synpunkten valt måste stämma med ärendets typ.',
      'MISMATCH',
    );
  }
  return null;
}

function checkReporter(reporter: unknown): CaseRefusal | null {
  if (reporter === undefined) return null;
  if (typeof reporter !== 'object' || reporter === null)
    return invalidField('reporter', 'Rapportören är felaktigt angiven.');
  const { username, name } = reporter as Record<string, unknown>;
  return firstRefusal(
    checkOptionalText(username, 'reporter.username', 'rapportörens användarnamn'),
    checkOptionalText(name, 'reporter.name', 'rapportörens namn'),
  );
}

function checkOnBehalfOf(onBehalfOf: unknown): CaseRefusal | null {
  if (onBehalfOf === undefined) return null;
  if (typeof onBehalfOf !== 'object' || onBehalfOf === null)
    return invalidField('onBehalfOf', 'Uppgiften om för vems räkning är felaktig.');
  const { name, contact } = onBehalfOf as Record<string, unknown>;
  return firstRefusal(
    checkRequiredText(name, 'onBehalfOf.name', 'namnet på den som rapporten görs för'),
    checkOptionalText(contact, 'onBehalfOf.contact', 'kontaktuppgift'),
  );
}

function checkContact(contact: unknown): CaseRefusal | null {
  if (contact === undefined) return null;
  if (typeof contact !== 'object' || contact === null)
    return invalidField('contact', 'Kontaktuppgifterna är felaktiga.');
  const { email, phone } = contact as Record<string, unknown>;
  return firstRefusal(
    checkOptionalText(email, 'contact.email', 'e-postadress'),
    checkOptionalText(phone, 'contact.phone', 'telefonnummer'),
  );
}

function validate(data: ReportCommand['data'], now: Date): CaseRefusal | null {
  const type = checkOneOf(data.type, CASE_TYPES, 'type', 'ärendetyp');
  if (type || !isCaseType(data.type)) return type;
  const needsOccurredAt = TYPES_REQUIRING_OCCURRED_AT.includes(data.type);
  return firstRefusal(
    checkRequiredText(data.caseId, 'caseId', 'ärendets id'),
    checkCaseNumber(data.caseNumber, data.type),
    checkRequiredText(data.unitId, 'unitId', 'enhet'),
    checkRequiredText(data.description, 'description', 'beskrivning'),
    checkOneOf(data.channel, CHANNELS, 'channel', 'kanal'),
    needsOccurredAt || data.occurredAt !== undefined
      ? checkDateOrDateTime(data.occurredAt, 'occurredAt', 'tidpunkten för händelsen')
      : null,
    data.occurredAt === undefined
      ? null
      : checkNotInFuture(String(data.occurredAt), 'occurredAt', 'tidpunkten för händelsen', now),
    data.reportedAt === undefined
      ? null
      : checkDateTime(data.reportedAt, 'reportedAt', 'tidpunkten då rapporten togs emot'),
    data.reportedAt === undefined
      ? null
      : checkNotInFuture(data.reportedAt, 'reportedAt', 'tidpunkten då rapporten togs emot', now),
    checkOptionalText(data.immediateActions, 'immediateActions', 'omedelbara åtgärder'),
    checkOptionalText(data.personRef, 'personRef', 'personreferens'),
    checkOptionalBoolean(data.unclassified, 'unclassified', 'oklassificerad'),
    checkOptionalBoolean(data.wantsAnswer, 'wantsAnswer', 'önskar svar'),
    checkOptionalBoolean(data.protectedIdentity, 'protectedIdentity', 'skyddade personuppgifter'),
    checkClassification(data, data.type),
    checkReporter(data.reporter),
    checkOnBehalfOf(data.onBehalfOf),
    checkContact(data.contact),
    checkAwareAt(data, now),
    checkRespondBy(data),
  );
}

/** `respondBy` is the issuer's date of an external finding (DL-13): a calendar date, not a moment. */
function checkRespondBy(data: ReportCommand['data']): CaseRefusal | null {
  if (data.respondBy === undefined) return null;
  if (data.type !== 'external_finding')
    return invalidField('respondBy', 'Svarsdatum anges bara för externa granskningar.', 'NOT_ALLOWED');
  if (!isDate(data.respondBy))
    return invalidField(
      'respondBy',
      'Svarsdatumet måste vara ett datum (ÅÅÅÅ-MM-DD), t.ex. 2026-12-15 – inte en tidpunkt.',
    );
  return null;
}

function lateReportOf(data: ReportCommand['data'], reportedAt: string): boolean | undefined {
  if (!LATE_REPORT_TYPES.includes(data.type) || data.occurredAt === undefined) return undefined;
  const occurredAt = isDate(data.occurredAt)
    ? stockholmStartOfDay(data.occurredAt)
    : new Date(normalisedTimestamp(data.occurredAt));
  const after = data.lateReportAfter ?? policyDurationOf(DEFAULT_DEADLINE_POLICY, 'late_report_after');
  if (after === undefined) return undefined;
  return Date.parse(reportedAt) > addPolicyDuration(occurredAt, after).getTime();
}

/** `awareAt` belongs to a data breach: when the organisation became aware, not after the report (DL-14). */
function checkAwareAt(data: ReportCommand['data'], now: Date): CaseRefusal | null {
  if (data.awareAt === undefined) return null;
  if (data.type !== 'data_breach')
    return invalidField(
      'awareAt',
      'Tidpunkten då organisationen fick kännedom anges bara för personuppgiftsincidenter.',
      'NOT_ALLOWED',
    );
  return firstRefusal(
    checkDateTime(data.awareAt, 'awareAt', 'tidpunkten då organisationen fick kännedom'),
    checkNotInFuture(String(data.awareAt), 'awareAt', 'tidpunkten då organisationen fick kännedom', now),
  );
}

function reporterOf(command: ReportCommand): CaseReporter {
  if (command.data.reporter === undefined) return { username: command.actor.username };
  const username = optionalText(command.data.reporter.username);
  const name = optionalText(command.data.reporter.name);
  return { ...(username === undefined ? {} : { username }), ...(name === undefined ? {} : { name }) };
}

function onBehalfOfOf(onBehalfOf: CaseOnBehalfOf | undefined): CaseOnBehalfOf | undefined {
  if (onBehalfOf === undefined) return undefined;
  const contact = optionalText(onBehalfOf.contact);
  return { name: requiredText(onBehalfOf.name), ...(contact === undefined ? {} : { contact }) };
}

function contactOf(contact: CaseContact | undefined): CaseContact | undefined {
  if (contact === undefined) return undefined;
  const email = optionalText(contact.email);
  const phone = optionalText(contact.phone);
  if (email === undefined && phone === undefined) return undefined;
  return { ...(email === undefined ? {} : { email }), ...(phone === undefined ? {} : { phone }) };
}

/** Intake of any case type (CT-1, LC-4 step 1, LC-6 S1). The id and number are allocated by persistence. */
export function decideReport(command: ReportCommand, state: CaseState, now: Date): DecideCaseResult {
  if (state !== null) {
    return refused(caseRefusal('ALREADY_EXISTS', 'CASE_ALREADY_EXISTS', 'Ärendet finns redan.', 'caseId'));
  }
  const refusal = validate(command.data, now);
  if (refusal) return refused(refusal);

  const { data } = command;
  const registeredAt = now.toISOString();
  const immediateActions = optionalText(data.immediateActions);
  const onBehalfOf = onBehalfOfOf(data.onBehalfOf);
  const personRef = optionalText(data.personRef);
  const contact = contactOf(data.contact);
  const reportedAt = data.reportedAt === undefined ? registeredAt : normalisedTimestamp(data.reportedAt);
  const lateReport = lateReportOf(data, data.firstReportedAt ?? reportedAt);
  return accepted({
    type: 'CaseReported',
    data: {
      caseId: requiredText(data.caseId),
      caseNumber: requiredText(data.caseNumber),
      type: data.type,
      unitId: requiredText(data.unitId),
      ...(data.occurredAt === undefined ? {} : { occurredAt: normalisedTimestamp(data.occurredAt) }),
      reportedAt,
      registeredAt,
      description: requiredText(data.description),
      ...(immediateActions === undefined ? {} : { immediateActions }),
      channel: data.channel,
      reporter: reporterOf(command),
      ...(onBehalfOf === undefined ? {} : { onBehalfOf }),
      ...(personRef === undefined ? {} : { personRef }),
      unclassified: data.unclassified === true,
      ...(data.kind === undefined ? {} : { kind: data.kind }),
      ...(contact === undefined ? {} : { contact }),
      ...(data.wantsAnswer === undefined ? {} : { wantsAnswer: data.wantsAnswer }),
      ...(data.awareAt === undefined ? {} : { awareAt: normalisedTimestamp(data.awareAt) }),
      ...(data.respondBy === undefined ? {} : { respondBy: data.respondBy }),
      ...(lateReport ? { lateReport } : {}),
      ...(data.protectedIdentity === true ? { protectedIdentity: true as const } : {}),
    },
  });
}
