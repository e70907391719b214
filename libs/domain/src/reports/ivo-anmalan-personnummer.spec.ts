import type { CaseEvent } from '../cases/case-events';
import { FIXTURE_CASE_IDS, FIXTURE_CASES } from './fixtures/report-fixture';
import { composeIvoAnmalan, ivoAnmalanDocument, type IvoAnmalan } from './ivo-anmalan';
import { renderReportHtml } from './render-html';

const ctx = { provider: 'Exempelkommun', unitName: (id: string) => id };
const PNR = '19121212-1212';
const SAMORDNING = '701063-2391';

/** The fixture's lex Sarah case with an identity number typed into every free text it has. */
function lexSarahWithNumbersInText(): readonly CaseEvent[] {
  const fixture = FIXTURE_CASES.find((c) => c.caseId === FIXTURE_CASE_IDS.lexSarahEkbacken)!;
  return fixture.events.map((event): CaseEvent => {
    switch (event.type) {
      case 'CaseReported':
        return {
          ...event,
          data: {
            ...event.data,
            description: `Brukaren ${PNR} lämnades ensam`,
            immediateActions: `Anhörig till ${SAMORDNING} underrättad`,
            personRef: PNR,
          },
        };
      case 'InvestigationRecorded':
        return {
          ...event,
          data: { ...event.data, summary: `Utredning om ${PNR}`, causes: [`bemanning kring ${PNR}`] },
        };
      case 'CaseDecided':
        return { ...event, data: { ...event.data, rationale: `${PNR} skadades` } };
      case 'ActionAdded':
        return { ...event, data: { ...event.data, title: `Genomgång för 191212121212` } };
      default:
        return event;
    }
  });
}

describe('IVO anmälan: a personnummer typed into the free text is masked too (issue 21, DATA-2)', () => {
  const anmalan = composeIvoAnmalan(lexSarahWithNumbersInText(), ctx) as IvoAnmalan;

  it('masks it in every free text of the data', () => {
    expect(anmalan.description).toBe('Brukaren ÅÅMMDD-XXXX lämnades ensam');
    expect(anmalan.immediateActions).toBe('Anhörig till ÅÅMMDD-XXXX underrättad');
    expect(anmalan.investigation?.summary).toBe('Utredning om ÅÅMMDD-XXXX');
    expect(anmalan.investigation?.causes).toEqual(['bemanning kring ÅÅMMDD-XXXX']);
    expect(anmalan.decision.rationale).toBe('ÅÅMMDD-XXXX skadades');
    expect(anmalan.actions.map((a) => a.title)).toEqual(['Genomgång för ÅÅMMDD-XXXX']);
    expect(anmalan.personRef).toBe('19121212-****');
  });

  it('the document holds no full number, so its notice ("personnummer visas maskerat") is true', () => {
    const document = ivoAnmalanDocument(anmalan, new Date('2026-12-01T10:00:00Z'));
    const html = renderReportHtml(document);
    expect(document.notice).toMatch(/personnummer visas maskerat/);
    for (const full of [PNR, '1212121212', '121212-1212', SAMORDNING, '7010632391'])
      expect(html).not.toContain(full);
    expect(html).toContain('ÅÅMMDD-XXXX');
  });
});
