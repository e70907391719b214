import { ApiProperty } from '@nestjs/swagger';

export const DEAD_LETTER_LIST_COMMAND = 'npm run dead-letters -- list';

export class DeadLetterConsumerDto {
  @ApiProperty({ example: 'kvalitet.case-orchestrator', description: 'Konsumenten (Kafka-konsumentgruppen)' })
  consumer!: string;
  @ApiProperty({ example: 2, description: 'Händelser som ännu inte spelats upp igen' }) open!: number;
  @ApiProperty({ format: 'date-time', description: 'När den äldsta av dem stoppades' }) oldestAt!: string;
}

/**
 * Open dead letters, summarised: counts and dates only. Payloads and error texts stay in the
 * database (they may hold personal data); drift reads them with the CLI.
 */
export class DeadLetterSummaryDto {
  @ApiProperty({ example: 3, description: 'Alla öppna döda brev (händelser som inte kunde hanteras)' })
  open!: number;
  @ApiProperty({
    type: String,
    format: 'date-time',
    nullable: true,
    description: 'Det äldsta öppna, null om inga',
  })
  oldestAt!: string | null;
  @ApiProperty({ type: [DeadLetterConsumerDto] }) byConsumer!: DeadLetterConsumerDto[];
  @ApiProperty({
    example: DEAD_LETTER_LIST_COMMAND,
    description: 'Kommandot som drift använder för att se och spela upp dem',
  })
  replayCommand!: string;
}
