import type { CaseEvent } from '../cases/case-events';
import { FIXTURE_CASE_IDS, FIXTURE_CASES } from './fixtures/report-fixture';
import { composeIvoAnmalan, ivoAnmalanDocument, type IvoAnmalan } from './ivo-anmalan';
import { renderReportHtml } from './render-html';
import { NO_CASE_DATA_NOTICE } from './report-document';

const ctx = { provider: 'Exempelkommun', unitName: (id: string) => id };

function lexSarahWith(personRef: string): readonly CaseEvent[] {
  const fixture = FIXTURE_CASES.find((c) => c.caseId === FIXTURE_CASE_IDS.lexSarahEkbacken)!;
  return fixture.events.map((event) =>
    event.type === 'CaseReported' ? { ...event, data: { ...event.data, personRef } } : event,
  );
}

describe('IVO anmälan: says what it holds, identity numbers masked (issue 24)', () => {
  it('masks a personnummer in personRef in the data and in the document', () => {
    const anmalan = composeIvoAnmalan(lexSarahWith('19121212-1212'), ctx) as IvoAnmalan;
    expect(anmalan.personRef).toBe('19121212-****');
    const html = renderReportHtml(ivoAnmalanDocument(anmalan, new Date('2026-12-01T10:00:00Z')));
    expect(html).toContain('19121212-****');
    expect(html).not.toContain('1212121212');
    expect(html).not.toContain('19121212-1212');
  });

  it('keeps a pseudonym as written', () => {
    const anmalan = composeIvoAnmalan(lexSarahWith('P-REF-7781'), ctx) as IvoAnmalan;
    expect(anmalan.personRef).toBe('P-REF-7781');
  });

  it('states that it holds personal data under secrecy instead of the REP-15 claim', () => {
    const anmalan = composeIvoAnmalan(lexSarahWith('P-REF-7781'), ctx) as IvoAnmalan;
    const document = ivoAnmalanDocument(anmalan, new Date('2026-12-01T10:00:00Z'));
    expect(document.notice).toMatch(/Innehåller personuppgifter/);
    expect(document.notice).toMatch(/26 kap\. 1 § offentlighets- och sekretesslagen/);
    const html = renderReportHtml(document);
    expect(html).not.toContain(NO_CASE_DATA_NOTICE);
    expect(html).not.toMatch(/inga namn, personnummer/);
    expect(html).toContain('Innehåller personuppgifter');
  });

  it('an aggregate document keeps the REP-15 statement', () => {
    const anmalan = composeIvoAnmalan(lexSarahWith('x'), ctx) as IvoAnmalan;
    const { notice: _notice, ...aggregate } = ivoAnmalanDocument(anmalan, new Date());
    expect(renderReportHtml({ ...aggregate, kind: 'statistics', sections: [] })).toContain(
      NO_CASE_DATA_NOTICE,
    );
  });
});
