import { yearRange } from '../calendar/period-range';
import { ClassificationVocabulary } from '../classifications/classifications';
import { composeBerattelse } from './berattelse';
import { FIXTURE_AS_OF, FIXTURE_CASES, FIXTURE_ORGANISATION, FIXTURE_UNITS } from './fixtures/report-fixture';
import { monthlyCountsOf } from './period-report';
import { computeStatistics } from './period-statistics';
import { documentTexts } from './report-document';
import { statisticsDocument, weeklyDigestDocument } from './report-documents';
import { renderReportHtml } from './render-html';
import { statisticsFactOf, type StatisticsCaseFact } from './statistics-fact';
import { composeWeeklyDigest } from './weekly-digest';

/**
 * Issue 24 / review M-1: a category or lagrum typed as free text (a name and personnummer) reached
 * the digest, the statistics and the kvalitetsberättelse verbatim. Documents now show only labels
 * from the lists; a value that is not a code of any list shows as "Annat" even if it reached the
 * statistics unmapped (the projector stores codes; this is the second line of defence).
 */
const PLANTED = '<b>Anna Andersson 19450312-1234</b>';
const facts = FIXTURE_CASES.map((c) => statisticsFactOf(c.events))
  .filter((f): f is StatisticsCaseFact => f !== null)
  .map((f) => (f.type === 'complaint' ? { ...f, category: PLANTED, lagrum: PLANTED } : f));
const vocabulary = new ClassificationVocabulary([
  {
    categories: [
      { code: 'fall', label: 'Fallolycka' },
      { code: 'annat', label: 'Övrigt' },
    ],
    lagrum: [],
  },
]);
const ctx = {
  organisation: FIXTURE_ORGANISATION,
  units: FIXTURE_UNITS,
  generatedAt: FIXTURE_AS_OF,
  classifications: vocabulary,
};

describe('classifications in ledning and nämnd documents (REP-15, issue 24)', () => {
  const documents = () => {
    const digest = composeWeeklyDigest(facts, '2026-W48', FIXTURE_AS_OF);
    const { from, to } = yearRange(2026);
    const statistics = computeStatistics(facts, {
      from,
      to,
      asOf: FIXTURE_AS_OF,
      units: FIXTURE_UNITS,
      groupBy: ['category', 'lagrum'],
    });
    const kb = composeBerattelse('kvalitetsberattelse', 2026, facts, monthlyCountsOf(facts), {
      ...ctx,
      asOf: FIXTURE_AS_OF,
    });
    const psb = composeBerattelse('patientsakerhetsberattelse', 2026, facts, monthlyCountsOf(facts), {
      ...ctx,
      asOf: FIXTURE_AS_OF,
    });
    return {
      digest: weeklyDigestDocument(digest, ctx),
      statistics: statisticsDocument(statistics, ctx),
      kb: kb.document,
      psb: psb.document,
    };
  };

  it('never carry a stored free-text value, only labels from the lists', () => {
    for (const [name, doc] of Object.entries(documents())) {
      for (const text of [documentTexts(doc).join('\n'), renderReportHtml(doc)]) {
        expect({ name, leaked: text.includes('19450312') || text.includes('Anna Andersson') }).toEqual({
          name,
          leaked: false,
        });
      }
    }
  });

  it('show a code by the label of the organisation\'s newest list and a value off the lists as its "annat" label', () => {
    const { digest, statistics, kb, psb } = documents();
    expect(documentTexts(digest)).toContain('Övrigt');
    expect(documentTexts(statistics)).toEqual(expect.arrayContaining(['Övrigt / Annat']));
    expect(documentTexts(kb)).toContain('Övrigt');
    expect(documentTexts(psb)).toContain('Fallolycka');
  });
});
