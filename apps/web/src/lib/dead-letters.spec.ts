import type { DeadLetterSummary } from '../api/types';
import {
  consumerPart,
  deadLetterTitle,
  describeDeadLetters,
  joinSwedish,
  mayReadDeadLetters,
} from './dead-letters';

const summary = (byConsumer: DeadLetterSummary['byConsumer']): DeadLetterSummary => ({
  open: byConsumer.reduce((n, c) => n + c.open, 0),
  oldestAt: byConsumer.map((c) => c.oldestAt).sort()[0] ?? null,
  byConsumer,
  replayCommand: 'npm run dead-letters -- list',
});
const isoDate = (iso: string) => iso.slice(0, 10);

describe('the dead-letter warning on kvalitet’s start page', () => {
  it('is for the quality function only', () => {
    expect(mayReadDeadLetters(['quality_coordinator'])).toBe(true);
    expect(mayReadDeadLetters(['staff', 'quality_coordinator'])).toBe(true);
    for (const role of ['staff', 'unit_manager', 'director', 'mas', 'management_team'])
      expect(mayReadDeadLetters([role])).toBe(false);
  });

  it.each([
    ['kvalitet.case-orchestrator', 'ärendenas arbetsflöden (frister och uppgifter)'],
    ['kvalitet.statistics', 'statistiken'],
    ['kvalitet.case-read-model', 'ärendelistan och uppgiftsinkorgen'],
    ['kvalitet.risk-assessment-orchestrator', 'riskanalysernas arbetsflöden'],
    ['test-1a2b.ledningssystem-orchestrator', 'registrens påminnelser'],
    ['case-orchestrator', 'ärendenas arbetsflöden (frister och uppgifter)'],
    ['kvalitet.improvement-read-model', 'kvalitet.improvement-read-model'],
    ['kvalitet.my-case-orchestrator', 'kvalitet.my-case-orchestrator'],
  ])('names %s as “%s”', (consumer, part) => {
    expect(consumerPart(consumer)).toBe(part);
  });

  it('joins parts the Swedish way and counts in singular and plural', () => {
    expect(joinSwedish(['a'])).toBe('a');
    expect(joinSwedish(['a', 'b'])).toBe('a och b');
    expect(joinSwedish(['a', 'b', 'c'])).toBe('a, b och c');
    expect(deadLetterTitle(1)).toBe('1 händelse kunde inte hanteras');
    expect(deadLetterTitle(3)).toBe('3 händelser kunde inte hanteras');
  });

  it('says nothing when none is open', () => {
    expect(describeDeadLetters(summary([]), isoDate)).toBeNull();
  });

  it('tells one event in the singular, with its date and the replay command', () => {
    expect(
      describeDeadLetters(
        summary([{ consumer: 'kvalitet.statistics', open: 1, oldestAt: '2026-12-01T08:00:00.000Z' }]),
        isoDate,
      ),
    ).toEqual({
      title: '1 händelse kunde inte hanteras',
      what: 'Händelsen stoppades efter upprepade fel och har inte kommit fram till statistiken. Där kan det saknas information tills den har hanterats.',
      oldest: 'Den stoppades 2026-12-01.',
      retry: 'Kontakta IT-driften. De kan försöka igen med kommandot',
      command: 'npm run dead-letters -- replay',
    });
  });

  it('names every affected part once, and the oldest date', () => {
    const warning = describeDeadLetters(
      summary([
        { consumer: 'kvalitet.case-orchestrator', open: 2, oldestAt: '2026-12-03T08:00:00.000Z' },
        { consumer: 'other.case-orchestrator', open: 1, oldestAt: '2026-12-04T08:00:00.000Z' },
        { consumer: 'kvalitet.statistics', open: 1, oldestAt: '2026-11-30T08:00:00.000Z' },
        { consumer: 'kvalitet.notifier', open: 1, oldestAt: '2026-12-05T08:00:00.000Z' },
      ]),
      isoDate,
    );
    expect(warning?.title).toBe('5 händelser kunde inte hanteras');
    expect(warning?.what).toBe(
      'Händelserna stoppades efter upprepade fel och har inte kommit fram till ärendenas arbetsflöden (frister och uppgifter), statistiken och kvalitet.notifier. Där kan det saknas information tills de har hanterats.',
    );
    expect(warning?.oldest).toBe('Den äldsta stoppades 2026-11-30.');
  });
});
