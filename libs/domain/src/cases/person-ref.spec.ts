import { checkPersonRef, luhnCheckDigitValid, maskPersonRef } from './person-ref';

const TODAY = new Date('2026-12-07T12:00:00Z');

describe('personRef: personnummer, samordningsnummer or pseudonym (issue 24)', () => {
  it.each([
    ['19121212-1212', 'personnummer', '19121212-1212'],
    ['191212121212', 'personnummer', '19121212-1212'],
    ['121212-1212', 'personnummer', '20121212-1212'],
    ['1212121212', 'personnummer', '20121212-1212'],
    ['121212+1212', 'personnummer', '19121212-1212'],
    ['811218-9876', 'personnummer', '19811218-9876'],
    ['  19450312-1230 ', 'personnummer', '19450312-1230'],
    ['701063-2391', 'samordningsnummer', '19701063-2391'],
    ['19701063-2391', 'samordningsnummer', '19701063-2391'],
  ])('%s is a valid %s, stored as %s', (raw, kind, value) => {
    expect(checkPersonRef(raw, TODAY)).toEqual({ kind, value });
  });

  it('a ten-digit number of a date later this century belongs to the century before', () => {
    expect(checkPersonRef('261231-1239', TODAY)).toEqual({ kind: 'personnummer', value: '19261231-1239' });
  });

  it.each([
    ['19450312-1234', 'check_digit'],
    ['19121212-1213', 'check_digit'],
    ['19121312-1212', 'date'],
    ['19120230-1212', 'date'],
    ['19120000-1212', 'date'],
    ['19121292-1212', 'date'],
    ['20300101-1234', 'date'],
    ['18001212-1212', 'date'],
    ['19121212+1212', 'date'],
    ['Anna 19121212-1212', 'inside_pseudonym'],
    ['ref 1212121212', 'inside_pseudonym'],
    ['AA 191212 1212', 'inside_pseudonym'],
  ])('%s is refused (%s)', (raw, reason) => {
    expect(checkPersonRef(raw, TODAY)).toEqual({ kind: 'invalid', reason });
  });

  it.each(['p-81f2', 'P-REF-7781', 'AB rum 12', 'brukare 2026-11-20', '12345'])(
    '%s is a pseudonym, kept as written',
    (raw) => {
      expect(checkPersonRef(raw, TODAY)).toEqual({ kind: 'pseudonym', value: raw });
    },
  );

  it('checks the Luhn digit over ÅÅMMDDNNNK', () => {
    expect(luhnCheckDigitValid('1212121212')).toBe(true);
    expect(luhnCheckDigitValid('1212121213')).toBe(false);
    expect(luhnCheckDigitValid('12121212')).toBe(false);
  });

  it('masks the last four digits of every identity number and leaves a pseudonym alone', () => {
    expect(maskPersonRef('19121212-1212')).toBe('19121212-****');
    expect(maskPersonRef('19701063-2391')).toBe('19701063-****');
    expect(maskPersonRef('121212+1212')).toBe('121212+****');
    expect(maskPersonRef('Anna 194503121234 och 450312 1234')).toBe('Anna 19450312-**** och 450312-****');
    expect(maskPersonRef('p-81f2')).toBe('p-81f2');
    expect(maskPersonRef(null)).toBeNull();
  });
});
