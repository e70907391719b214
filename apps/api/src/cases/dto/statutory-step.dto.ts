import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsBoolean, IsDefined, IsIn, IsString, MaxLength } from 'class-validator';
import {
  PATIENT_INFORMED_HOW,
  PATIENT_INFORMED_WHO,
  type PatientInformedHow,
  type PatientInformedWho,
} from '@kvalitet/domain';
import { Optional } from '../../common/validation/optional';
import { IsCalendarDate, IsDateOrDateTime, IsNotBlank } from '../../common/validation/validators';
import { CaseCommandDto } from './case-command.dto';
import { LONG_TEXT, SHORT_TEXT } from './text-limits';

/**
 * Lex Maria and lex Sarah steps after the decision (api.md v1.1 "New commands"; LC-7, LC-8, DL-6,
 * DL-9). Either `informedAt`, `who` and `how` (and a `note`), or `notPossibleReason` alone.
 */
export class InformPatientDto extends CaseCommandDto {
  @ApiPropertyOptional({
    example: '2026-11-24T10:00:00+01:00',
    description: 'När patienten eller närstående informerades (utelämnas med notPossibleReason)',
  })
  @Optional()
  @IsDateOrDateTime()
  informedAt?: string;

  @ApiPropertyOptional({ enum: PATIENT_INFORMED_WHO, description: 'Vem som informerades' })
  @Optional()
  @IsIn(PATIENT_INFORMED_WHO)
  who?: PatientInformedWho;

  @ApiPropertyOptional({ enum: PATIENT_INFORMED_HOW, description: 'Hur informationen gavs' })
  @Optional()
  @IsIn(PATIENT_INFORMED_HOW)
  how?: PatientInformedHow;

  @ApiPropertyOptional({ maxLength: LONG_TEXT })
  @Optional()
  @IsString()
  @IsNotBlank()
  @MaxLength(LONG_TEXT)
  note?: string;

  @ApiPropertyOptional({
    maxLength: LONG_TEXT,
    description: 'Varför patienten eller närstående inte kunde informeras (i stället för de andra fälten)',
  })
  @Optional()
  @IsString()
  @IsNotBlank()
  @MaxLength(LONG_TEXT)
  notPossibleReason?: string;
}

export class ConfirmJournalNoteDto extends CaseCommandDto {
  @ApiProperty({ example: '2026-11-24', description: 'När vårdskadan antecknades i patientjournalen' })
  @IsDefined()
  @IsDateOrDateTime()
  notedAt!: string;
}

export class InformBoardDto extends CaseCommandDto {
  @ApiProperty({ example: '2026-12-16', description: 'Datum för nämndens sammanträde (YYYY-MM-DD)' })
  @IsDefined()
  @IsCalendarDate()
  meetingDate!: string;

  @ApiPropertyOptional({ maxLength: SHORT_TEXT, example: '§ 141' })
  @Optional()
  @IsString()
  @IsNotBlank()
  @MaxLength(SHORT_TEXT)
  paragraph?: string;
}

export class RecordIvoDecisionDto extends CaseCommandDto {
  @ApiProperty({ example: '2027-02-10', description: 'Datum för IVO:s beslut' })
  @IsDefined()
  @IsDateOrDateTime()
  decidedAt!: string;

  @ApiProperty({ maxLength: LONG_TEXT, description: 'Sammanfattning av IVO:s beslut' })
  @IsDefined()
  @IsString()
  @IsNotBlank()
  @MaxLength(LONG_TEXT)
  summary!: string;

  @ApiPropertyOptional({ description: 'Öppna det avslutade ärendet igen med IVO:s beslut som skäl' })
  @Optional()
  @IsBoolean()
  reopen?: boolean;
}
