import type { ApiSchemas } from '../api/types';

export type LedningssystemStatus = ApiSchemas['LedningssystemStatusDto'];
export type DocumentDecisionStatus = ApiSchemas['DocumentDecisionStatusDto'];
export type LedningssystemDocument = ApiSchemas['LedningssystemDto'];
export type AnnualReview = ApiSchemas['AnnualReviewDto'];
export type ReviewItem = ApiSchemas['ReviewItemDto'];
export type ReviewFactSheet = ApiSchemas['ReviewFactSheetDto'];

/** The quality function and the förvaltningschef record the nämnd's decisions (the api decides in any case). */
export function mayRecordLedningssystem(roles: readonly string[]): boolean {
  return roles.includes('quality_coordinator') || roles.includes('director');
}

/** What a start-page card says about one register: how many things need doing, and where to do them. */
export interface StatusCard {
  key: string;
  title: string;
  /** Things missing or overdue; null when the caller does not see the register. */
  count: number | null;
  /** The sentence under the count. */
  text: string;
  to: string;
  linkLabel: string;
}

const plural = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`;

/** AUD-1, AUD-2: is the nämnd's decision on the ledningssystem missing or out of date, and what to do. */
export function decisionNotice(d: DocumentDecisionStatus): { red: boolean; title: string; text: string } {
  switch (d.decision) {
    case 'not_registered':
      return {
        red: true,
        title: 'Nämnden har inte beslutat om ledningssystemet',
        text: 'Ledningssystemet är inte registrerat. Registrera det och för in nämndens beslut när nämnden har fastställt det.',
      };
    case 'missing':
      return {
        red: true,
        title: 'Nämnden har inte beslutat om ledningssystemet',
        text: 'Det finns ingen version som nämnden har fastställt. För in nämndens beslut (datum och paragraf) när nämnden har beslutat.',
      };
    case 'expired':
      return {
        red: true,
        title: 'Nämndens beslut om ledningssystemet har gått ut',
        text: `Beslutet från ${d.decidedOn ?? ''} gällde till ${d.validUntil ?? ''}. Revidera ledningssystemet och låt nämnden fastställa en ny version.`,
      };
    case 'valid':
      return {
        red: false,
        title: 'Nämnden har beslutat om ledningssystemet',
        text: `Beslutat ${d.decidedOn ?? ''}. Ska revideras och fastställas igen senast ${d.validUntil ?? ''}.`,
      };
  }
}

/** One card per register with what is missing or overdue (kvalitet's start page, AUD-22). */
export function statusCards(s: LedningssystemStatus): StatusCard[] {
  const decision = decisionNotice(s.document);
  const reviewYear = s.document.pendingReviewYear;
  const cards: StatusCard[] = [
    {
      key: 'dokument',
      title: 'Ledningssystemet',
      count: decision.red ? 1 : 0,
      text: decision.title,
      to: '/ledningssystem/dokument',
      linkLabel: 'Till ledningssystemet',
    },
  ];
  if (reviewYear !== null)
    cards.push({
      key: 'genomgang',
      title: `Årlig genomgång ${reviewYear}`,
      count: s.document.reviewOverdue ? 1 : 0,
      text: s.document.reviewOverdue
        ? `Genomgången skulle ha gjorts i mars ${reviewYear}.`
        : `Görs i mars ${reviewYear}.`,
      to: `/ledningssystem/arlig-genomgang/${reviewYear}`,
      linkLabel: 'Till genomgången',
    });
  cards.push(
    {
      key: 'rutiner',
      title: 'Processer och rutiner',
      count: s.routinesOverdue,
      text:
        `${plural(s.routinesOverdue, 'dokument', 'dokument')} har passerat sitt revideringsdatum` +
        (s.routinesDueSoon > 0 ? `; ${s.routinesDueSoon} till ska revideras inom tre månader.` : '.'),
      to: '/ledningssystem/rutiner',
      linkLabel: 'Till processer och rutiner',
    },
    {
      key: 'forordnanden',
      title: 'Förordnanden',
      count: s.appointmentsMissing,
      text: `${plural(s.appointmentsMissing, 'roll saknar', 'roller saknar')} ett gällande förordnande.`,
      to: '/ledningssystem/forordnanden',
      linkLabel: 'Till förordnanden',
    },
    {
      key: 'egenkontroll',
      title: 'Egenkontroll',
      count: s.egenkontrollMissing,
      text: `${plural(s.egenkontrollMissing, 'kontroll', 'kontroller')} har passerat sitt datum utan resultat.`,
      to: '/ledningssystem/egenkontroll',
      linkLabel: 'Till egenkontroll',
    },
    {
      key: 'internkontroll',
      title: 'Internkontroll',
      count: s.internkontrollStepsDue,
      text: `${plural(s.internkontrollStepsDue, 'steg', 'steg')} i internkontrollen har passerat sitt datum.`,
      to: '/ledningssystem/internkontroll',
      linkLabel: 'Till internkontroll',
    },
    {
      key: 'utbildning',
      title: 'Information om lex Sarah',
      count: s.trainingOverdue,
      text: `${plural(s.trainingOverdue, 'medarbetare har', 'medarbetare har')} inte fått informationen i tid.`,
      to: '/ledningssystem/utbildning',
      linkLabel: 'Till information och utbildning',
    },
    {
      key: 'riskanalyser',
      title: 'Riskanalyser',
      count: s.riskAnalysisGaps,
      text: `${s.riskAnalysisGaps} av ${plural(s.riskAnalysisUnits, 'enhet', 'enheter')} saknar en riskanalys i år.`,
      to: '/riskanalyser',
      linkLabel: 'Till riskanalyser',
    },
    {
      key: 'forbattringar',
      title: 'Förbättringsåtgärder',
      count: s.improvementsOverdue,
      text: `${plural(s.improvementsOverdue, 'åtgärd', 'åtgärder')} har passerat sitt datum utan att vara genomförda.`,
      to: '/ledningssystem/handelseanalyser',
      linkLabel: 'Till händelseanalyser och åtgärder',
    },
    {
      key: 'arshjul',
      title: 'Årshjulet',
      count: s.arshjulOverdue,
      text: `${plural(s.arshjulOverdue ?? 0, 'aktivitet', 'aktiviteter')} har passerat sitt datum utan att vara klara.`,
      to: '/ledningssystem/arshjul',
      linkLabel: 'Till årshjulet',
    },
    {
      key: 'rapporter',
      title: 'Berättelser och rapporter',
      count: s.reportsAwaitingApproval,
      text: `${plural(s.reportsAwaitingApproval ?? 0, 'rapport väntar', 'rapporter väntar')} på godkännande.`,
      to: '/rapporter',
      linkLabel: 'Till berättelser och rapporter',
    },
  );
  // A register the caller does not see (null) gets no card.
  return cards.filter((card) => card.count !== null);
}

/** The checklist's items in plain words (the api's labels carry requirement codes for the api's readers). */
export const REVIEW_ITEM_LABELS: Readonly<Record<ReviewItem['key'], string>> = {
  namndbeslut: 'Nämnden har fattat beslut om gällande ledningssystem',
  styrdokument: 'Processer och rutiner är reviderade inom sina intervall',
  egenkontroll: 'Egenkontrollplanens kontroller har resultat, analys och åtgärder',
  riskanalyser: 'Varje enhet har en dokumenterad riskanalys för året',
  avvikelser_klagomal: 'Klagomål, avvikelser, lex Sarah och lex Maria är sammanställda och analyserade',
  forbattringar: 'Förbättringsåtgärder är genomförda och uppföljda',
  forordnanden: 'SAS, MAS, verksamhetschef enligt hälso- och sjukvårdslagen och delegater är förordnade',
  information_lex_sarah: 'Personalen har informerats om lex Sarah',
  internkontroll: 'Internkontrollplanens utfall är rapporterat',
  lamplighet_effektivitet: 'Ledningssystemets lämplighet och effektivitet är bedömd',
};

export function reviewItemState(item: Pick<ReviewItem, 'done'>): 'open' | 'met' | 'not_met' {
  if (item.done === null) return 'open';
  return item.done ? 'met' : 'not_met';
}

/** The review can be completed when every item is gone through; "godkänns" only when all are met (REP-13). */
export function reviewReadiness(checklist: readonly Pick<ReviewItem, 'done'>[]): {
  open: number;
  notMet: number;
  canComplete: boolean;
  canApprove: boolean;
} {
  const open = checklist.filter((i) => i.done === null).length;
  const notMet = checklist.filter((i) => i.done === false).length;
  return { open, notMet, canComplete: open === 0, canApprove: open === 0 && notMet === 0 };
}

export const INTERNKONTROLL_STAGE_TEXT: Readonly<Record<string, string>> = {
  risk_analysis: 'Riskanalys pågår, planen är inte fastställd',
  adopted: 'Planen är fastställd, uppföljningen är inte rapporterad',
  reported: 'Uppföljningen är rapporterad till nämnden',
};
