import {
  containsPersonnummer,
  findPersonnummer,
  MASKED_PERSONNUMMER,
  maskPersonnummer,
} from './personnummer-in-text';
import { luhnCheckDigitValid } from './person-ref';

const TODAY = new Date('2026-12-07T12:00:00Z');

const found = (text: string, today = TODAY) =>
  findPersonnummer(text, today).map(({ text: written, kind, normalized }) => ({
    written,
    kind,
    normalized,
  }));

describe('a personnummer or samordningsnummer in free text (issue 21, DATA-2)', () => {
  describe('every written form of a real number is found, with its span', () => {
    it.each([
      ['19121212-1212', 'personnummer', '19121212-1212'],
      ['191212121212', 'personnummer', '19121212-1212'],
      ['121212-1212', 'personnummer', '20121212-1212'],
      ['1212121212', 'personnummer', '20121212-1212'],
      ['121212+1212', 'personnummer', '19121212-1212'],
      ['19121212+1212', 'personnummer', '19121212-1212'],
      ['19121212–1212', 'personnummer', '19121212-1212'],
      ['811218-9876', 'personnummer', '19811218-9876'],
      ['701063-2391', 'samordningsnummer', '19701063-2391'],
      ['19701063-2391', 'samordningsnummer', '19701063-2391'],
      ['197010632391', 'samordningsnummer', '19701063-2391'],
    ])('%s is a %s (%s)', (written, kind, normalized) => {
      const text = `Brukaren (${written}) föll i badrummet.`;
      const [span, ...rest] = findPersonnummer(text, TODAY);
      expect(rest).toEqual([]);
      expect(span).toEqual({ start: 10, end: 10 + written.length, text: written, kind, normalized });
      expect(text.slice(span!.start, span!.end)).toBe(written);
    });

    it('finds each of several numbers, in order, at the start and end of the text', () => {
      const text = '19121212-1212 och 811218-9876';
      expect(findPersonnummer(text, TODAY).map((s) => [s.start, s.end])).toEqual([
        [0, 13],
        [18, 29],
      ]);
    });
  });

  describe('the check digit (Luhn over ÅÅMMDDNNNK)', () => {
    it.each(['19121212-1213', '121212-1211', '191212121210', '811218-9875', '701063-2392'])(
      '%s has the wrong check digit: not a number',
      (written) => {
        expect(found(`pnr ${written}`)).toEqual([]);
      },
    );
  });

  describe('the date', () => {
    it.each([
      ['19121312-1211', 'month 13'],
      ['19120012-1216', 'month 0'],
      ['19121200-1216', 'day 0'],
      ['19120230-1212', '30 February'],
      ['19121232-1218', 'day 32, not a samordningsnummer either'],
      ['19121292-1215', 'samordningsnummer day 92 (32 + 60)'],
      ['20271231-1238', 'a birth date in the future'],
      ['18001212-1216', 'before 1850'],
      ['010229-1234', '29 February 2001'],
    ])('%s (%s) is not a number, although its check digit is right', (written) => {
      expect(luhnCheckDigitValid(written.replace('-', '').slice(-10))).toBe(true);
      expect(found(written)).toEqual([]);
    });
  });

  describe('the century of ten digits, around the year 2000', () => {
    it('000229-1235 is 29 February 2000, a leap day', () => {
      expect(found('000229-1235')).toEqual([
        { written: '000229-1235', kind: 'personnummer', normalized: '20000229-1235' },
      ]);
    });

    it('000229+1235 would be 29 February 1900, which did not exist', () => {
      expect(found('000229+1235')).toEqual([]);
      expect(found('19000229-1235')).toEqual([]);
    });

    it('991231-1231 is 1999 and 000101-1238 is 2000', () => {
      expect(found('991231-1231')[0]?.normalized).toBe('19991231-1231');
      expect(found('000101-1238')[0]?.normalized).toBe('20000101-1238');
    });

    it('+ is a person of 100 or more: the century before', () => {
      expect(found('000101+1238')[0]?.normalized).toBe('19000101-1238');
      expect(found('121212+1212')[0]?.normalized).toBe('19121212-1212');
    });

    it('a date not yet reached this century belongs to the one before', () => {
      expect(found('261207-1437')[0]?.normalized).toBe('20261207-1437');
      expect(found('261207-1437', new Date('2026-12-06T12:00:00Z'))[0]?.normalized).toBe('19261207-1437');
    });
  });

  describe('what only looks like a number', () => {
    it.each([
      'Ring anhörig på 070-123 45 69.',
      'Anhörig: 070-1234569',
      'Växeln 08-123 456 78',
      'Mobil +46701234569',
      'Mobil +46 70 123 45 69',
      'Ring 0701234569 efter kl. 16',
      'tel. 0701234569',
      'Telefonnummer: 0311234561',
      'mobilnr 0701234569',
      'sms till 0701234569',
    ])('the phone number in "%s"', (text) => {
      expect(found(text)).toEqual([]);
    });

    it.each([
      'Se LS-2026-0007 och KL-2026-0112.',
      'AV-2026-12121212',
      'Hände 2026-12-07 14:30 (2026-12-07T14:30:00+01:00)',
      'kontonummer 11912121212125',
      '19121212-12120',
      '1191212121212',
      '19121212 1212',
      'rum 12, våning 3, 1212',
      'https://kvalitet.example.se/arenden/19121212-1212-4abc-8def-0123456789ab',
      'https://kvalitet.example.se/arenden/0b7c2f7e-4c1e-4d39-9a5e-191212121212',
    ])('"%s"', (text) => {
      expect(found(text)).toEqual([]);
    });

    it('ten digits from 0 without a word for telephone before them are a number (born 2000–2009)', () => {
      expect(found('Brukare 0701234569 föll')).toEqual([
        { written: '0701234569', kind: 'personnummer', normalized: '20070123-4569' },
      ]);
      expect(found('personnummer 0311234561')[0]?.normalized).toBe('20031123-4561');
    });

    it('a word for telephone does not hide a number written with a separator or the century', () => {
      expect(found('ring 070123-4569')[0]?.normalized).toBe('20070123-4569');
      expect(found('tel 200701234569')[0]?.normalized).toBe('20070123-4569');
    });
  });

  describe('maskPersonnummer', () => {
    it('replaces every number, whatever its form, with ÅÅMMDD-XXXX', () => {
      expect(MASKED_PERSONNUMMER).toBe('ÅÅMMDD-XXXX');
      expect(
        maskPersonnummer('Tolvan 19121212-1212, Nils 811218-9876 och 701063-2391 (191212121212).', TODAY),
      ).toBe('Tolvan ÅÅMMDD-XXXX, Nils ÅÅMMDD-XXXX och ÅÅMMDD-XXXX (ÅÅMMDD-XXXX).');
    });

    it('leaves digits that are no number as written, and text without one as it is', () => {
      const text = 'LS-2026-0007: ring 070-123 45 69 kl. 14:30; 19121212-1213 stämmer inte.';
      expect(maskPersonnummer(text, TODAY)).toBe(text);
      expect(maskPersonnummer('19121212-****', TODAY)).toBe('19121212-****');
    });

    it('passes null and undefined through', () => {
      expect(maskPersonnummer(null)).toBeNull();
      expect(maskPersonnummer(undefined)).toBeUndefined();
    });

    it('containsPersonnummer says whether a text holds one', () => {
      expect(containsPersonnummer('Brukaren 19121212-1212', TODAY)).toBe(true);
      expect(containsPersonnummer('Brukaren TT', TODAY)).toBe(false);
      expect(containsPersonnummer(null)).toBe(false);
    });
  });
});
