import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { FIXTURE_CASE_IDS, FIXTURE_CASES } from './fixtures/report-fixture';
import { composeIvoAnmalan, ivoAnmalanDocument, ivoAnmalanNotice, type IvoAnmalan } from './ivo-anmalan';
import { documentTexts } from './report-document';

/**
 * Issue 21 "plain Swedish": what the nämnd, IVO and ledning read carries no requirement IDs, source
 * file numbers, stored codes or api command names.
 */
const TECHNICAL: readonly [string, RegExp][] = [
  ['requirement ID', /\b(REP|AUD|LC|DL|PR|DATA|IMP|RA|EK|IK|CT|SC|SEC)-\d+\b/],
  ['stored code', /\b[a-z]+_[a-z_]+\b/],
  ['command name', /\b[a-z]+-to-[a-z]+\b/],
  ['source file number', /(^|[\s:;])00\d\s/],
  ['ISO 8601', /ISO[- ]?8601/i],
];

function technicalIn(text: string): string[] {
  return TECHNICAL.flatMap(([name, pattern]) => {
    const match = pattern.exec(text);
    return match ? [`${name}: "${match[0].trim()}" in "${text.slice(0, 120)}"`] : [];
  });
}

/** The text a reader of the HTML sees: no tags, no style sheet, entities decoded. */
function visibleText(html: string): string[] {
  return html
    .replace(/<style>[\s\S]*?<\/style>/g, '')
    .replace(/<[^>]+>/g, '\n')
    .replace(/&quot;/g, '"')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&amp;/g, '&')
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line !== '');
}

const GOLDEN = join(__dirname, 'fixtures', 'golden');

describe('documents in plain Swedish (issue 21)', () => {
  it.each(readdirSync(GOLDEN).filter((file) => file.endsWith('.html')))(
    'the golden %s shows no IDs or codes',
    (file) => {
      const found = visibleText(readFileSync(join(GOLDEN, file), 'utf8')).flatMap(technicalIn);
      expect(found).toEqual([]);
    },
  );

  it('the IVO anmälan shows no IDs, codes or command names, and no case number as its period', () => {
    const events = FIXTURE_CASES.find((c) => c.caseId === FIXTURE_CASE_IDS.lexSarahEkbacken)!.events;
    const anmalan = composeIvoAnmalan(events, {
      provider: 'Exempelkommun',
      unitName: (id) => id,
    }) as IvoAnmalan;
    const document = ivoAnmalanDocument(anmalan, new Date('2026-12-01T10:00:00Z'));
    const texts = [
      ...documentTexts(document),
      document.notice ?? '',
      ivoAnmalanNotice('lex_sarah'),
      ivoAnmalanNotice('lex_maria'),
    ];
    expect(texts.flatMap(technicalIn)).toEqual([]);
    expect(document.periodLabel).not.toContain(anmalan.caseNumber);
  });

  it('the patterns catch what the review found', () => {
    for (const leftover of [
      'Underlag: DATA-11; LC-6 S6; LC-8',
      'Registreras med report-to-ivo',
      'ej_angiven',
      'Underlag: 003 "mönster"',
      '(REP-15)',
    ])
      expect(technicalIn(leftover)).not.toEqual([]);
  });
});
