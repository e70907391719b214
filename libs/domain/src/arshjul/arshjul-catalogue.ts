/**
 * The recurring duties of the board's year (DL-31): what the seeds ask to be done every year, who
 * does it by default and when. Dates are defaults a person may move in the plan.
 */
export const ARSHJUL_KINDS = [
  'sas_proaktiv_granskning',
  'mas_proaktiv_granskning',
  'verksamhetsbesok',
  'lakemedelsgenomgang',
  'granskning_privata_utforare',
  'brukarundersokning',
  'oppna_jamforelser',
  'budget_start',
  'budget_beslut',
  'internkontroll_rapport',
  'internkontrollplan',
  'egenkontrollplan',
  'ledningssystemets_genomgang',
  'patientsakerhetsberattelse',
  'kvalitetsberattelse',
  'tertialrapport',
  'arshjul_nasta_ar',
  'annat',
] as const;
export type ArshjulKind = (typeof ARSHJUL_KINDS)[number];

/** The roles an item can be given to (the board-level roles of the ledningssystem). */
export const ARSHJUL_OWNER_ROLES = [
  'quality_coordinator',
  'director',
  'lex_sarah_investigator',
  'mas',
  'management_team',
] as const;
export type ArshjulOwnerRole = (typeof ARSHJUL_OWNER_ROLES)[number];

export interface ArshjulCatalogueEntry {
  readonly kind: Exclude<ArshjulKind, 'annat'>;
  readonly ownerRole: ArshjulOwnerRole;
  /** One item per date, `MM-DD` of the plan's year; the title is given the plan's year. */
  readonly dates: readonly string[];
  readonly title: (year: number, occurrence: number, of: number) => string;
}

const numbered = (label: string) => (year: number, n: number, of: number) =>
  of > 1 ? `${label} ${n} av ${of} ${year}` : `${label} ${year}`;

export const ARSHJUL_CATALOGUE: readonly ArshjulCatalogueEntry[] = [
  // AUD-13: SAS's proactive duties, twice a year (inferred).
  {
    kind: 'sas_proaktiv_granskning',
    ownerRole: 'lex_sarah_investigator',
    dates: ['05-31', '11-30'],
    title: numbered('Proaktiv granskning av lex Sarah-arbetet'),
  },
  {
    kind: 'mas_proaktiv_granskning',
    ownerRole: 'mas',
    dates: ['05-31', '11-30'],
    title: numbered('Proaktiv granskning av patientsäkerheten (MAS)'),
  },
  // DL-27, R-2: four site visits a year, one per quarter.
  {
    kind: 'verksamhetsbesok',
    ownerRole: 'quality_coordinator',
    dates: ['03-31', '06-15', '09-30', '12-15'],
    title: numbered('Verksamhetsbesök med presidiet'),
  },
  // DL-28: the yearly medication-handling review and the review of contracted providers.
  {
    kind: 'lakemedelsgenomgang',
    ownerRole: 'mas',
    dates: ['09-30'],
    title: numbered('Granskning av läkemedelshanteringen'),
  },
  {
    kind: 'granskning_privata_utforare',
    ownerRole: 'quality_coordinator',
    dates: ['10-31'],
    title: numbered('Granskning av privata utförare'),
  },
  // DL-30, AUD-18: the user survey and Öppna jämförelser.
  {
    kind: 'brukarundersokning',
    ownerRole: 'quality_coordinator',
    dates: ['05-31'],
    title: numbered('Brukarundersökning'),
  },
  {
    kind: 'oppna_jamforelser',
    ownerRole: 'quality_coordinator',
    dates: ['11-30'],
    title: numbered('Analys av Öppna jämförelser'),
  },
  // DL-33, AUD-17: next year's budget work starts in April; the nämnd decides it in the autumn.
  {
    kind: 'budget_start',
    ownerRole: 'director',
    dates: ['04-30'],
    title: (year) => `Budgetarbetet för ${year + 1} startar`,
  },
  {
    kind: 'budget_beslut',
    ownerRole: 'director',
    dates: ['11-30'],
    title: (year) => `Nämnden beslutar budget för ${year + 1}`,
  },
  // IK-2, DL-25: last year's internkontroll reported; next year's plan decided.
  {
    kind: 'internkontroll_rapport',
    ownerRole: 'quality_coordinator',
    dates: ['02-28'],
    title: (year) => `Internkontroll ${year - 1} rapporteras till nämnd och kommunstyrelse`,
  },
  {
    kind: 'internkontrollplan',
    ownerRole: 'quality_coordinator',
    dates: ['11-30'],
    title: (year) => `Nämnden beslutar internkontrollplan för ${year + 1}`,
  },
  // DL-26: the units' egenkontroll plans for next year.
  {
    kind: 'egenkontrollplan',
    ownerRole: 'quality_coordinator',
    dates: ['12-15'],
    title: (year) => `Egenkontrollplaner för ${year + 1} fastställs`,
  },
  // DL-24: the review of the ledningssystem in March.
  {
    kind: 'ledningssystemets_genomgang',
    ownerRole: 'quality_coordinator',
    dates: ['03-31'],
    title: numbered('Årlig genomgång av ledningssystemet'),
  },
  // DL-22, DL-23: the berättelser of the year before, by 1 March and in March.
  {
    kind: 'patientsakerhetsberattelse',
    ownerRole: 'mas',
    dates: ['03-01'],
    title: (year) => `Patientsäkerhetsberättelse för ${year - 1}`,
  },
  {
    kind: 'kvalitetsberattelse',
    ownerRole: 'quality_coordinator',
    dates: ['03-31'],
    title: (year) => `Kvalitetsberättelse för ${year - 1}`,
  },
  // DL-20: tertial reports at the first nämnd meeting after the tertial (inferred: a month after).
  {
    kind: 'tertialrapport',
    ownerRole: 'quality_coordinator',
    dates: ['01-31', '05-31', '09-30'],
    title: (year, n) =>
      n === 1 ? `Tertialrapport 3 för ${year - 1}` : `Tertialrapport ${n - 1} för ${year}`,
  },
  // DL-31: next year's årshjul is planned before the year starts.
  {
    kind: 'arshjul_nasta_ar',
    ownerRole: 'quality_coordinator',
    dates: ['11-30'],
    title: (year) => `Årshjulet för ${year + 1} planeras`,
  },
];

export const ARSHJUL_KIND_LABELS: Readonly<Record<ArshjulKind, string>> = {
  sas_proaktiv_granskning: 'SAS proaktiva granskning',
  mas_proaktiv_granskning: 'MAS proaktiva granskning',
  verksamhetsbesok: 'Verksamhetsbesök',
  lakemedelsgenomgang: 'Läkemedelshantering',
  granskning_privata_utforare: 'Granskning av privata utförare',
  brukarundersokning: 'Brukarundersökning',
  oppna_jamforelser: 'Öppna jämförelser',
  budget_start: 'Budgetarbetet startar',
  budget_beslut: 'Budgetbeslut',
  internkontroll_rapport: 'Internkontrollens rapport',
  internkontrollplan: 'Internkontrollplan',
  egenkontrollplan: 'Egenkontrollplaner',
  ledningssystemets_genomgang: 'Ledningssystemets genomgång',
  patientsakerhetsberattelse: 'Patientsäkerhetsberättelse',
  kvalitetsberattelse: 'Kvalitetsberättelse',
  tertialrapport: 'Tertialrapport',
  arshjul_nasta_ar: 'Nästa års årshjul',
  annat: 'Annat',
};

export interface ProposedArshjulItem {
  readonly id: string;
  readonly kind: ArshjulKind;
  readonly title: string;
  readonly ownerRole: ArshjulOwnerRole | null;
  readonly owner: string | null;
  /** `YYYY-MM-DD` */
  readonly dueOn: string;
  readonly note: string;
}

/** Next year's plan from the catalogue with its default dates (DL-31), ordered by date. */
export function proposeArshjul(year: number): ProposedArshjulItem[] {
  const items = ARSHJUL_CATALOGUE.flatMap((entry) =>
    entry.dates.map((date, index) => ({
      id: entry.dates.length > 1 ? `${entry.kind}-${index + 1}` : entry.kind,
      kind: entry.kind,
      title: entry.title(year, index + 1, entry.dates.length),
      ownerRole: entry.ownerRole,
      owner: null,
      dueOn: `${year}-${date}`,
      note: '',
    })),
  );
  return items.sort((a, b) => a.dueOn.localeCompare(b.dueOn) || a.id.localeCompare(b.id));
}
