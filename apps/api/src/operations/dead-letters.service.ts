import { Inject, Injectable } from '@nestjs/common';
import type { DataSource } from 'typeorm';
import { DATA_SOURCE } from '../infrastructure/infrastructure.tokens';
import { DEAD_LETTER_LIST_COMMAND, type DeadLetterSummaryDto } from './dead-letters.dto';
import { readOpenDeadLetters } from './open-dead-letters';

/** Events the Kafka consumers stopped after repeated errors and that nobody has replayed yet. */
@Injectable()
export class DeadLettersService {
  constructor(@Inject(DATA_SOURCE) private readonly dataSource: DataSource) {}

  async summary(): Promise<DeadLetterSummaryDto> {
    const byConsumer = await readOpenDeadLetters(this.dataSource);
    const oldest = byConsumer.reduce<Date | null>(
      (min, c) => (min === null || c.oldestAt < min ? c.oldestAt : min),
      null,
    );
    return {
      open: byConsumer.reduce((sum, c) => sum + c.open, 0),
      oldestAt: oldest?.toISOString() ?? null,
      byConsumer: byConsumer.map((c) => ({
        consumer: c.consumer,
        open: c.open,
        oldestAt: c.oldestAt.toISOString(),
      })),
      replayCommand: DEAD_LETTER_LIST_COMMAND,
    };
  }
}
