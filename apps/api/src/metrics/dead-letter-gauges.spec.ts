import { Registry } from 'prom-client';
import type { OpenDeadLetters } from '../operations/open-dead-letters';
import { registerDeadLetterGauges } from './dead-letter-gauges';

const line = (text: string, name: string, consumer: string) =>
  text.split('\n').find((l) => l.startsWith(`${name}{consumer="${consumer}"} `));

const open = (consumer: string, count: number, ageSeconds: number): OpenDeadLetters => ({
  consumer,
  open: count,
  oldestAt: new Date(Date.now() - ageSeconds * 1000),
  oldestAgeSeconds: ageSeconds,
});

describe('dead-letter gauges', () => {
  it('read both gauges from one query per scrape, and a consumer with none left reads 0', async () => {
    const registry = new Registry();
    let letters = [open('kvalitet.statistics', 2, 120), open('kvalitet.case-orchestrator', 1, 30)];
    let reads = 0;
    registerDeadLetterGauges(registry, async () => {
      reads += 1;
      return letters;
    });

    const first = await registry.metrics();
    expect(reads).toBe(1);
    expect(line(first, 'kvalitet_dead_letters_open', 'kvalitet.statistics')).toMatch(/ 2$/);
    expect(line(first, 'kvalitet_dead_letters_oldest_age_seconds', 'kvalitet.statistics')).toMatch(/ 120$/);
    expect(line(first, 'kvalitet_dead_letters_open', 'kvalitet.case-orchestrator')).toMatch(/ 1$/);

    letters = [open('kvalitet.case-orchestrator', 1, 40)];
    const second = await registry.metrics();
    expect(reads).toBe(2);
    expect(line(second, 'kvalitet_dead_letters_open', 'kvalitet.statistics')).toMatch(/ 0$/);
    expect(line(second, 'kvalitet_dead_letters_oldest_age_seconds', 'kvalitet.statistics')).toMatch(/ 0$/);
    expect(line(second, 'kvalitet_dead_letters_oldest_age_seconds', 'kvalitet.case-orchestrator')).toMatch(
      / 40$/,
    );
  });

  it('fails the scrape when the read fails, and reads again on the next one', async () => {
    const registry = new Registry();
    let fail = true;
    registerDeadLetterGauges(registry, async () => {
      if (fail) throw new Error('databasen svarar inte');
      return [];
    });
    await expect(registry.metrics()).rejects.toThrow('databasen svarar inte');
    fail = false;
    await expect(registry.metrics()).resolves.toContain('# TYPE kvalitet_dead_letters_open gauge');
  });
});
