import type { CaseEvent, DeadlineStatus, Role } from '../api/types';
import { commandLabel } from './case-commands';
import { TASK_KIND_LABELS, TASK_SOURCE_LABELS } from './tasks';

const ROLE_LABELS: Readonly<Record<Role, string>> = {
  staff: 'Medarbetare',
  unit_manager: 'Enhetschef',
  division_manager: 'Avdelningschef',
  director: 'Förvaltningschef',
  lex_sarah_investigator: 'Lex Sarah-utredare (SAS)',
  mas: 'Medicinskt ansvarig sjuksköterska (MAS)',
  quality_coordinator: 'Kvalitetssamordnare',
  management_team: 'Ledningsgrupp',
  data_protection_officer: 'Dataskyddsombud',
};

export function roleLabel(role: string): string {
  return (ROLE_LABELS as Record<string, string>)[role] ?? role;
}

/** Plain-language help for the staff report form (issue 9: "what is lex Sarah, what is an avvikelse"). */
export const TYPE_HELP: Readonly<Record<string, string>> = {
  deviation:
    'Något blev inte som det skulle enligt rutin eller beslut, utan att någon skadades eller riskerade allvarlig skada. Till exempel en utebliven insats, ett fel i dokumentationen eller en brist i samarbetet.',
  lex_sarah:
    'En brukare har utsatts för, eller riskerar att utsättas för, ett missförhållande: något som hotar hens liv, säkerhet eller hälsa, eller en allvarlig brist i omsorgen. Du är skyldig att rapportera genast (SoL 14 kap. 3 §, LSS 24 b §).',
  hsl_deviation:
    'En händelse i hälso- och sjukvården som gav eller kunde ha gett en vårdskada, till exempel fel läkemedel, ett fall eller en missad delegering.',
  lex_maria:
    'En allvarlig vårdskada, eller risk för en sådan. Rapportera som HSL-avvikelse om du är osäker – MAS bedömer om det är lex Maria.',
  complaint:
    'Någon är missnöjd med hur verksamheten fungerat. Registrera klagomålet även om det kom muntligt eller på papper.',
  suggestion: 'Ett förslag på hur något kan bli bättre.',
  praise: 'Något som fungerade bra och som verksamheten ska få veta.',
  data_breach:
    'Personuppgifter har hamnat fel, kommit bort eller visats för någon som inte skulle se dem. Rapportera direkt – ibland måste IMY få veta inom 72 timmar.',
  external_finding: 'Iakttagelser från IVO, revision, patientnämnd, domstol eller en annan extern granskare.',
};

/** Event types of the case timeline, as a Swedish sentence subject. */
export const EVENT_LABELS: Readonly<Record<CaseEvent['type'], string>> = {
  CaseReported: 'Ärendet rapporterades',
  CaseAcknowledged: 'Återkoppling gavs',
  CaseAssigned: 'Utredare utsågs',
  CaseClassified: 'Ärendet klassificerades',
  InvestigationStarted: 'Utredningen startade',
  InvestigationRecorded: 'Utredningen registrerades',
  CaseDecided: 'Beslut fattades',
  ReportedToIvo: 'Anmälan till IVO registrerades',
  BreachAssessed: 'Personuppgiftsincidenten bedömdes',
  ReportedToImy: 'Anmälan till IMY registrerades',
  PatientInformed: 'Information till patient/närstående registrerades',
  JournalNoteConfirmed: 'Journalanteckningen bekräftades',
  BoardInformed: 'Nämnden informerades',
  IvoDecisionRecorded: 'IVO:s beslut registrerades',
  CaseResponded: 'Svar lämnades',
  CaseLinked: 'Ärendet länkades',
  ActionAdded: 'Åtgärd lades till',
  ActionCompleted: 'Åtgärd genomfördes',
  FollowUpRecorded: 'Uppföljning registrerades',
  CaseClosed: 'Ärendet avslutades',
  CaseReopened: 'Ärendet återöppnades',
  ProtectedIdentityMarked: 'Ärendet markerades med skyddade personuppgifter',
  ProtectedIdentityUnmarked: 'Markeringen om skyddade personuppgifter togs bort',
  DeadlineStarted: 'Frist startade',
  DeadlineMet: 'Frist uppfylld',
  DeadlineMissed: 'Frist missad',
  DeadlineCancelled: 'Frist avbröts',
  DeadlineReminderSent: 'Påminnelse om frist skickades',
  TaskCreated: 'Uppgift skapades',
  TaskCompleted: 'Uppgift klar',
  LegalHoldPlaced: 'Ärendet spärrades mot gallring',
  LegalHoldLifted: 'Spärren mot gallring hävdes',
  CaseErased: 'Ärendet gallrades',
};

/** `cancelled`: a reclassification took the case off the path that had the deadline. */
export const DEADLINE_STATUS_LABELS: Readonly<Record<DeadlineStatus, string>> = {
  open: 'Pågår',
  met: 'Uppfylld',
  missed: 'Missad',
  cancelled: 'Avbruten',
};

export const ACTION_STATUS_LABELS: Readonly<Record<string, string>> = {
  open: 'Pågår',
  completed: 'Genomförd',
  followed_up: 'Uppföljd',
};

export const ACTION_LEVEL_LABELS: Readonly<Record<string, string>> = {
  individual: 'Individnivå',
  organisational: 'Organisationsnivå',
};

export const RESPONSE_CHANNEL_LABELS: Readonly<Record<string, string>> = {
  letter: 'Brev',
  email: 'E-post',
  phone: 'Telefon',
  meeting: 'Möte',
  digital: 'Digitalt',
};

export const POLICY_KEY_LABELS: Readonly<Record<string, string>> = {
  acknowledgement: 'Återkoppling på klagomål och synpunkter',
  lex_sarah_first_response: 'Lex Sarah – mottagande och omedelbara åtgärder',
  lex_sarah_investigation: 'Lex Sarah – utredning klar',
  ivo_report: 'Anmälan till IVO efter allvarligt beslut',
  investigation: 'Utredning klar (övriga ärendetyper)',
  follow_up: 'Uppföljning efter genomförda åtgärder',
  action_reminder_before: 'Påminnelse före en åtgärds slutdatum',
  escalation_repeat: 'Upprepad eskalering',
  imy_notification: 'Personuppgiftsincident – anmälan till IMY (från kännedom)',
  mas_classification: 'MAS-bedömning av HSL-avvikelse och lex Maria',
  patient_information: 'Lex Maria – information till patient eller närstående',
  response: 'Svar till klagande (som vill ha svar)',
  late_report_after: 'Sen rapport – lex Sarah, HSL och lex Maria (efter händelsen)',
};

const ACCESS_ACTION_LABELS: Readonly<Record<string, string>> = {
  read_case: 'Läste ärendet',
  read_events: 'Läste händelsehistoriken',
};

export function accessActionLabel(action: string): string {
  if (action.startsWith('command:')) return commandLabel(action.slice('command:'.length));
  return ACCESS_ACTION_LABELS[action] ?? action;
}

/**
 * A task kind in words. Every kind the api sends has a label (task-labels.spec.ts walks the domain's
 * lists); an unknown one still shows as plain Swedish, never as its code (issue 21).
 */
export function taskKindLabel(kind: string): string {
  return (TASK_KIND_LABELS as Record<string, string>)[kind] ?? 'Uppgift';
}

/** What a task belongs to in words: the case type, or the register or process. */
export function taskSourceLabel(caseType: string): string {
  return (TASK_SOURCE_LABELS as Record<string, string>)[caseType] ?? 'Övrigt';
}
