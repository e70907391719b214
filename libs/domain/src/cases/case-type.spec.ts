import { CHANNEL_LABELS, CHANNELS, isCaseChannel } from './case-channel';
import { caseNumberPrefix, formatCaseNumber, parseCaseNumber } from './case-number';
import { CASE_STAGE_LABELS, CASE_STAGES, isCaseStage } from './case-stage';
import {
  CASE_NUMBER_PREFIXES,
  CASE_TYPE_LABELS,
  CASE_TYPES,
  isCaseType,
  requiresDecision,
} from './case-type';

describe('case types', () => {
  it('lists the nine types of api.md', () => {
    expect(CASE_TYPES).toEqual([
      'complaint',
      'suggestion',
      'praise',
      'deviation',
      'hsl_deviation',
      'lex_sarah',
      'lex_maria',
      'data_breach',
      'external_finding',
    ]);
  });

  it.each([
    ['lex_sarah', 'LS', 'Lex Sarah'],
    ['complaint', 'KL', 'Klagomål'],
    ['suggestion', 'SY', 'Synpunkt'],
    ['praise', 'BE', 'Beröm'],
    ['deviation', 'AV', 'Kvalitetsavvikelse'],
    ['hsl_deviation', 'HA', 'HSL-avvikelse'],
    ['lex_maria', 'LM', 'Lex Maria'],
    ['data_breach', 'PU', 'Personuppgiftsincident'],
    ['external_finding', 'EX', 'Extern granskning/signal'],
  ] as const)('%s has prefix %s and label %s', (type, prefix, label) => {
    expect(CASE_NUMBER_PREFIXES[type]).toBe(prefix);
    expect(caseNumberPrefix(type)).toBe(prefix);
    expect(CASE_TYPE_LABELS[type]).toBe(label);
  });

  it('has a distinct prefix per type', () => {
    expect(new Set(Object.values(CASE_NUMBER_PREFIXES)).size).toBe(CASE_TYPES.length);
  });

  it('recognises types', () => {
    expect(isCaseType('lex_maria')).toBe(true);
    expect(isCaseType('organisational')).toBe(false);
    expect(isCaseType(3)).toBe(false);
  });

  it('requires a decision for lex Sarah and lex Maria only', () => {
    expect(CASE_TYPES.filter(requiresDecision)).toEqual(['lex_sarah', 'lex_maria']);
  });
});

describe('case numbers', () => {
  it('formats with at least four digits', () => {
    expect(formatCaseNumber('LS', 2026, 7)).toBe('LS-2026-0007');
    expect(formatCaseNumber('KL', 2026, 112)).toBe('KL-2026-0112');
    expect(formatCaseNumber('AV', 2026, 12345)).toBe('AV-2026-12345');
  });

  it.each([
    ['ls', 2026, 1],
    ['LS', 26, 1],
    ['LS', 2026, 0],
    ['LS', 2026, 1.5],
  ])('rejects %s-%s-%s', (prefix, year, seq) => {
    expect(() => formatCaseNumber(prefix, year, seq)).toThrow(RangeError);
  });

  it('parses what it formats', () => {
    expect(parseCaseNumber('LS-2026-0007')).toEqual({ prefix: 'LS', year: 2026, seq: 7 });
    expect(parseCaseNumber('AV-2026-12345')).toEqual({ prefix: 'AV', year: 2026, seq: 12345 });
    expect(parseCaseNumber('LS-2026-007')).toBeNull();
    expect(parseCaseNumber('LS-2026-0000')).toBeNull();
    expect(parseCaseNumber('nonsense')).toBeNull();
  });
});

describe('channels and stages', () => {
  it('lists the channels of api.md with Swedish labels', () => {
    expect(CHANNELS).toEqual(['staff_form', 'web', 'email', 'letter', 'phone', 'visit', 'contact_center']);
    expect(Object.keys(CHANNEL_LABELS)).toEqual([...CHANNELS]);
    expect(isCaseChannel('web')).toBe(true);
    expect(isCaseChannel('fax')).toBe(false);
  });

  it('lists the five stages with Swedish labels', () => {
    expect(CASE_STAGES).toEqual(['reported', 'investigating', 'acting', 'following_up', 'closed']);
    expect(CASE_STAGE_LABELS).toEqual({
      reported: 'Rapporterad',
      investigating: 'Utreds',
      acting: 'Åtgärdas',
      following_up: 'Följs upp',
      closed: 'Avslutad',
    });
    expect(isCaseStage('acting')).toBe(true);
    expect(isCaseStage('open')).toBe(false);
  });
});
