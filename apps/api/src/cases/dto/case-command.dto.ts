import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import {
  ArrayMaxSize,
  IsArray,
  IsBoolean,
  IsDefined,
  IsIn,
  IsInt,
  IsString,
  IsUUID,
  Max,
  MaxLength,
  Min,
} from 'class-validator';
import { CASE_OUTCOMES, CASE_TYPES, type CaseOutcome, type CaseType } from '@kvalitet/domain';
import { RESPONSE_CHANNELS, type ResponseChannel } from '@kvalitet/domain';
import { CASE_LINK_REQUEST_RELATIONS, type CaseLinkRequestRelation } from '@kvalitet/domain';
import { Optional } from '../../common/validation/optional';
import {
  IsDateOrDateTime,
  IsDateTimeWithOffset,
  IsKnownUnit,
  IsNotBlank,
  IsUsername,
} from '../../common/validation/validators';
import { LONG_TEXT, SHORT_TEXT } from './text-limits';

/** Every command body may carry the version the caller saw; a stale one is 409 VERSION_CONFLICT. */
export class CaseCommandDto {
  @ApiPropertyOptional({
    minimum: 1,
    description: 'Versionen du såg; en inaktuell version ger 409 VERSION_CONFLICT',
  })
  @Optional()
  @IsInt()
  @Min(1)
  @Max(2147483647)
  expectedVersion?: number;
}

export class AcknowledgeDto extends CaseCommandDto {
  @ApiPropertyOptional({ maxLength: LONG_TEXT, description: 'Anteckning om återkopplingen' })
  @Optional()
  @IsString()
  @MaxLength(LONG_TEXT)
  note?: string;
}

export class AssignDto extends CaseCommandDto {
  @ApiProperty({ example: 'sas', description: 'Användarnamn på utredaren/handläggaren' })
  @IsDefined()
  @IsString()
  @IsUsername()
  assignee!: string;
}

export class ClassifyDto extends CaseCommandDto {
  @ApiPropertyOptional({
    enum: CASE_TYPES,
    enumName: 'CaseType',
    description:
      'Ny ärendetyp (omklassificering); utelämnad behåller typen. Från lex Sarah: SAS; från lex Maria och HSL-avvikelse: MAS',
  })
  @Optional()
  @IsIn(CASE_TYPES)
  type?: CaseType;

  @ApiProperty({
    maxLength: SHORT_TEXT,
    example: 'bemotande',
    description: 'Kod från kategorilistan (GET /api/v1/classifications)',
  })
  @IsDefined()
  @IsString()
  @IsNotBlank()
  @MaxLength(SHORT_TEXT)
  category!: string;

  @ApiPropertyOptional({
    maxLength: SHORT_TEXT,
    example: '14 kap. 3 § SoL',
    description: 'Kod från lagrumslistan (GET /api/v1/classifications)',
  })
  @Optional()
  @IsString()
  @MaxLength(SHORT_TEXT)
  lagrum?: string;

  @ApiPropertyOptional({
    maxLength: SHORT_TEXT,
    example: 'Brister i samarbetet med hemtjänstens nattpatrull',
    description:
      'Vad kategorin annat står för i ärendet; krävs när category är annat. Statistiken räknar ärendet som annat.',
  })
  @Optional()
  @IsString()
  @MaxLength(SHORT_TEXT)
  categoryText?: string;

  @ApiPropertyOptional({
    maxLength: SHORT_TEXT,
    description: 'Vilket lagrum när lagrum är annat; krävs då',
  })
  @Optional()
  @IsString()
  @MaxLength(SHORT_TEXT)
  lagrumText?: string;

  @ApiPropertyOptional({ maxLength: LONG_TEXT, description: 'Motivering; krävs när typen ändras' })
  @Optional()
  @IsString()
  @MaxLength(LONG_TEXT)
  rationale?: string;

  @ApiPropertyOptional({
    example: 'solgarden',
    description:
      'Flyttar ärendet till en annan enhet (central registrering; SAS, MAS och kvalitetssamordnaren)',
  })
  @Optional()
  @IsString()
  @IsKnownUnit()
  unitId?: string;
}

export class StartInvestigationDto extends CaseCommandDto {}

export class RecordInvestigationDto extends CaseCommandDto {
  @ApiProperty({ maxLength: LONG_TEXT })
  @IsDefined()
  @IsString()
  @IsNotBlank()
  @MaxLength(LONG_TEXT)
  summary!: string;

  @ApiProperty({ type: [String], maxItems: 50, description: 'Orsaker som utredningen kommit fram till' })
  @IsDefined()
  @IsArray()
  @ArrayMaxSize(50)
  @IsString({ each: true })
  @MaxLength(2000, { each: true })
  causes!: string[];

  @ApiPropertyOptional({ description: 'Om en avvikelse/missförhållande förelåg; krävs för klagomål' })
  @Optional()
  @IsBoolean()
  deviationOccurred?: boolean;
}

export class DecideDto extends CaseCommandDto {
  @ApiProperty({
    enum: CASE_OUTCOMES,
    enumName: 'CaseOutcome',
    description: 'Bedömning; lex Sarah och lex Maria har egna utfall',
  })
  @IsDefined()
  @IsIn(CASE_OUTCOMES)
  outcome!: CaseOutcome;

  @ApiProperty({ maxLength: LONG_TEXT })
  @IsDefined()
  @IsString()
  @IsNotBlank()
  @MaxLength(LONG_TEXT)
  rationale!: string;
}

export class ReportToIvoDto extends CaseCommandDto {
  @ApiProperty({ maxLength: SHORT_TEXT, example: 'IVO 3.5.1-12345/2026' })
  @IsDefined()
  @IsString()
  @IsNotBlank()
  @MaxLength(SHORT_TEXT)
  ivoReference!: string;

  @ApiProperty({
    example: '2026-11-24',
    description: 'Datum (eller tidpunkt med tidszon) då anmälan skickades till IVO',
  })
  @IsDefined()
  @IsDateOrDateTime()
  reportedAt!: string;
}

export class AssessBreachDto extends CaseCommandDto {
  @ApiProperty({ description: 'Om personuppgiftsincidenten ska anmälas till IMY' })
  @IsDefined()
  @IsBoolean()
  notifiable!: boolean;

  @ApiProperty({ maxLength: LONG_TEXT, description: 'Motivering till bedömningen' })
  @IsDefined()
  @IsString()
  @IsNotBlank()
  @MaxLength(LONG_TEXT)
  rationale!: string;
}

export class ReportToImyDto extends CaseCommandDto {
  @ApiProperty({
    example: '2026-11-24T15:30:00+01:00',
    description: 'Datum (eller tidpunkt med tidszon) då anmälan skickades till IMY',
  })
  @IsDefined()
  @IsDateOrDateTime()
  reportedAt!: string;

  @ApiPropertyOptional({ maxLength: SHORT_TEXT, example: 'IMY-2026-1234' })
  @Optional()
  @IsString()
  @IsNotBlank()
  @MaxLength(SHORT_TEXT)
  imyReference?: string;
}

export class RespondDto extends CaseCommandDto {
  @ApiProperty({
    example: '2026-11-24T15:30:00+01:00',
    description: 'Datum (eller tidpunkt med tidszon) då svaret lämnades',
  })
  @IsDefined()
  @IsDateOrDateTime()
  respondedAt!: string;

  @ApiProperty({ enum: RESPONSE_CHANNELS, description: 'Hur svaret lämnades' })
  @IsDefined()
  @IsIn(RESPONSE_CHANNELS)
  channel!: ResponseChannel;

  @ApiProperty({ maxLength: LONG_TEXT, description: 'Vad som svarades (skickas med e-post om adress finns)' })
  @IsDefined()
  @IsString()
  @IsNotBlank()
  @MaxLength(LONG_TEXT)
  summary!: string;
}

export class LinkDto extends CaseCommandDto {
  @ApiProperty({ format: 'uuid', description: 'Id för ärendet som ska länkas (du måste få se det)' })
  @IsDefined()
  @IsUUID()
  caseId!: string;

  @ApiProperty({
    enum: CASE_LINK_REQUEST_RELATIONS,
    enumName: 'CaseLinkRequestRelation',
    description:
      'related och same_event gäller åt båda hållen; led_to: detta ärende ledde till det andra, som visar led_from',
  })
  @IsDefined()
  @IsIn(CASE_LINK_REQUEST_RELATIONS)
  relation!: CaseLinkRequestRelation;
}

export class EscalateDto extends CaseCommandDto {
  @ApiProperty({
    enum: ['lex_sarah', 'lex_maria'],
    description: 'lex_sarah från en kvalitetsavvikelse, lex_maria från en HSL-avvikelse',
  })
  @IsDefined()
  @IsIn(['lex_sarah', 'lex_maria'])
  toType!: 'lex_sarah' | 'lex_maria';

  @ApiProperty({ maxLength: LONG_TEXT, description: 'Varför avvikelsen eskaleras' })
  @IsDefined()
  @IsString()
  @IsNotBlank()
  @MaxLength(LONG_TEXT)
  rationale!: string;
}

export const ACTION_LEVELS = ['individual', 'organisational'] as const;

export class AddActionDto extends CaseCommandDto {
  @ApiProperty({ maxLength: SHORT_TEXT })
  @IsDefined()
  @IsString()
  @IsNotBlank()
  @MaxLength(SHORT_TEXT)
  title!: string;

  @ApiProperty({ enum: ACTION_LEVELS, enumName: 'ActionLevel' })
  @IsDefined()
  @IsIn(ACTION_LEVELS)
  level!: (typeof ACTION_LEVELS)[number];

  @ApiProperty({ maxLength: SHORT_TEXT, example: 'enhetschef', description: 'Ansvarig (användarnamn)' })
  @IsDefined()
  @IsString()
  @IsNotBlank()
  @MaxLength(SHORT_TEXT)
  owner!: string;

  @ApiProperty({
    format: 'date-time',
    example: '2026-12-15T16:00:00+01:00',
    description: 'Slutdatum; måste ligga i framtiden',
  })
  @IsDefined()
  @IsDateTimeWithOffset()
  dueAt!: string;

  @ApiPropertyOptional({
    type: [String],
    maxItems: 50,
    description: 'Orsaker som utredningen registrerat och som åtgärden riktar sig mot',
  })
  @Optional()
  @IsArray()
  @ArrayMaxSize(50)
  @IsString({ each: true })
  @IsNotBlank({ each: true })
  @MaxLength(2000, { each: true })
  causes?: string[];
}

export class CompleteActionDto extends CaseCommandDto {
  @ApiProperty({ format: 'uuid' })
  @IsDefined()
  @IsUUID()
  actionId!: string;

  @ApiProperty({ maxLength: LONG_TEXT })
  @IsDefined()
  @IsString()
  @IsNotBlank()
  @MaxLength(LONG_TEXT)
  result!: string;
}

export class FollowUpDto extends CaseCommandDto {
  @ApiProperty({ description: 'Fick åtgärderna avsedd effekt?' })
  @IsDefined()
  @IsBoolean()
  effective!: boolean;

  @ApiProperty({ maxLength: LONG_TEXT })
  @IsDefined()
  @IsString()
  @IsNotBlank()
  @MaxLength(LONG_TEXT)
  note!: string;
}

export class CloseDto extends CaseCommandDto {
  @ApiProperty({ maxLength: LONG_TEXT })
  @IsDefined()
  @IsString()
  @IsNotBlank()
  @MaxLength(LONG_TEXT)
  summary!: string;
}

/** `mark-protected-identity` / `unmark-protected-identity` (DATA-2): why the mark is set or removed. */
export class ProtectedIdentityChangeDto extends CaseCommandDto {
  @ApiProperty({ maxLength: LONG_TEXT, description: 'Skäl till att markeringen sätts eller tas bort' })
  @IsDefined()
  @IsString()
  @IsNotBlank()
  @MaxLength(LONG_TEXT)
  reason!: string;
}

export class ReopenDto extends CaseCommandDto {
  @ApiProperty({ maxLength: LONG_TEXT })
  @IsDefined()
  @IsString()
  @IsNotBlank()
  @MaxLength(LONG_TEXT)
  reason!: string;
}
