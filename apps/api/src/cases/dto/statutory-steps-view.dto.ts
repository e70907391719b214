import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { PATIENT_INFORMED_HOW, PATIENT_INFORMED_WHO } from '@kvalitet/domain';
import type { StatutoryStep, StatutoryStepKey, StatutoryStepStatus } from '@kvalitet/domain';
import type {
  BoardInformationView,
  IvoDecisionView,
  JournalNoteView,
  PatientInformationView,
} from '../statutory-steps-view';

const STEP_KEYS: StatutoryStepKey[] = [
  'first_response',
  'mas_classification',
  'investigation',
  'decision',
  'patient_information',
  'journal_note',
  'ivo_report',
  'board_information',
];
const STEP_STATUSES: StatutoryStepStatus[] = ['done', 'due', 'overdue', 'waiting', 'not_required'];

/** A step of the lex Maria / lex Sarah / HSL checklist (api.md v1.1). */
export class StatutoryStepDto implements StatutoryStep {
  @ApiProperty({ enum: STEP_KEYS, enumName: 'StatutoryStepKey' }) key!: StatutoryStepKey;
  @ApiProperty({ example: 'Patient eller närstående informerad' }) label!: string;
  @ApiProperty({
    enum: STEP_STATUSES,
    enumName: 'StatutoryStepStatus',
    description: 'Klar, att göra, försenad, väntar på ett tidigare steg, eller krävs inte efter beslutet',
  })
  status!: StatutoryStepStatus;
  @ApiProperty({ type: String, example: 'inform-patient', description: 'Kommandot som gör steget' })
  command!: StatutoryStep['command'];
  @ApiPropertyOptional({ format: 'date-time' }) dueAt?: string;
  @ApiPropertyOptional({ description: 'När steget gjordes (datum eller tidpunkt)' }) doneAt?: string;
}

class RecordedStepDto {
  @ApiProperty({ description: 'Rollen som registrerade steget' }) role!: string;
  @ApiProperty() by!: string;
  @ApiProperty({ format: 'date-time' }) at!: string;
}

export class PatientInformationDto extends RecordedStepDto implements PatientInformationView {
  @ApiPropertyOptional() informedAt?: string;
  @ApiPropertyOptional({ enum: PATIENT_INFORMED_WHO }) who?: string;
  @ApiPropertyOptional({ enum: PATIENT_INFORMED_HOW }) how?: string;
  @ApiPropertyOptional() note?: string;
  @ApiPropertyOptional() notPossibleReason?: string;
}

export class JournalNoteDto extends RecordedStepDto implements JournalNoteView {
  @ApiProperty() notedAt!: string;
}

export class BoardInformationDto extends RecordedStepDto implements BoardInformationView {
  @ApiProperty({ format: 'date' }) meetingDate!: string;
  @ApiPropertyOptional() paragraph?: string;
}

export class IvoDecisionDto extends RecordedStepDto implements IvoDecisionView {
  @ApiProperty() decidedAt!: string;
  @ApiProperty() summary!: string;
  @ApiProperty({ description: 'Ärendet öppnades igen med beslutet som skäl' }) reopened!: boolean;
}
