import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsArray,
  IsBoolean,
  IsDefined,
  IsIn,
  IsObject,
  IsString,
  IsUUID,
  MaxLength,
  ValidateNested,
} from 'class-validator';
import { CASE_TYPES, CHANNELS, type CaseChannel, type CaseType } from '@kvalitet/domain';
import { Optional } from '../../common/validation/optional';
import {
  IsCalendarDate,
  IsDateOrDateTime,
  IsDateTimeWithOffset,
  IsKnownUnit,
  IsNotBlank,
} from '../../common/validation/validators';
import { LONG_TEXT, SHORT_TEXT } from './text-limits';

export class OnBehalfOfDto {
  @ApiProperty({
    maxLength: SHORT_TEXT,
    description: 'Den som rapporten görs för (t.ex. en anhörig som ringde)',
  })
  @IsDefined()
  @IsString()
  @IsNotBlank()
  @MaxLength(SHORT_TEXT)
  name!: string;

  @ApiPropertyOptional({ maxLength: SHORT_TEXT, description: 'Kontaktuppgift' })
  @Optional()
  @IsString()
  @MaxLength(SHORT_TEXT)
  contact?: string;
}

export class ReportCaseDto {
  @ApiProperty({ enum: CASE_TYPES, enumName: 'CaseType', example: 'lex_sarah' })
  @IsDefined()
  @IsIn(CASE_TYPES)
  type!: CaseType;

  @ApiProperty({ example: 'solgarden', description: 'Enhetens id (se GET /org/units)' })
  @IsDefined()
  @IsString()
  @IsKnownUnit()
  unitId!: string;

  @ApiPropertyOptional({
    example: '2026-11-20T14:05:00+01:00',
    description:
      'När händelsen inträffade: tidpunkt med tidszon eller datum. Krävs för avvikelser, lex Sarah, lex Maria och personuppgiftsincidenter.',
  })
  @Optional()
  @IsDateOrDateTime()
  occurredAt?: string;

  @ApiProperty({ maxLength: LONG_TEXT, minLength: 1, description: 'Vad som hänt' })
  @IsDefined()
  @IsString()
  @IsNotBlank()
  @MaxLength(LONG_TEXT)
  description!: string;

  @ApiPropertyOptional({ maxLength: LONG_TEXT, description: 'Omedelbara åtgärder som redan vidtagits' })
  @Optional()
  @IsString()
  @MaxLength(LONG_TEXT)
  immediateActions?: string;

  @ApiPropertyOptional({ enum: CHANNELS, enumName: 'CaseChannel', default: 'staff_form' })
  @Optional()
  @IsIn(CHANNELS)
  channel?: CaseChannel;

  @ApiPropertyOptional({
    format: 'date-time',
    example: '2026-11-20T16:00:00+01:00',
    description: 'När rapporten togs emot, om den registreras i efterhand (papper, telefon); standard är nu',
  })
  @Optional()
  @IsDateTimeWithOffset()
  reportedAt?: string;

  @ApiPropertyOptional({
    format: 'date-time',
    example: '2026-11-20T09:00:00+01:00',
    description:
      'Personuppgiftsincident: när organisationen fick kännedom om den; de 72 timmarna till IMY räknas härifrån (standard: reportedAt)',
  })
  @Optional()
  @IsDateTimeWithOffset()
  awareAt?: string;

  @ApiPropertyOptional({
    format: 'date',
    example: '2026-12-15',
    description:
      'Extern granskning: granskarens datum för svar (ÅÅÅÅ-MM-DD); fristen går ut vid dagens slut (Europe/Stockholm)',
  })
  @Optional()
  @IsCalendarDate()
  respondBy?: string;

  @ApiPropertyOptional({
    description:
      'Personen det gäller har skyddade personuppgifter (sekretessmarkering, skyddad folkbokföring): fritext och namn visas bara för handläggaren, SAS/MAS och enhetens chef, med angivet skäl (DATA-2)',
  })
  @Optional()
  @IsBoolean()
  protectedIdentity?: boolean;

  @ApiPropertyOptional({ type: OnBehalfOfDto, description: 'För vems räkning rapporten registreras' })
  @Optional()
  @IsObject()
  @ValidateNested()
  @Type(() => OnBehalfOfDto)
  onBehalfOf?: OnBehalfOfDto;

  @ApiPropertyOptional({
    maxLength: 100,
    example: '19121212-1212',
    description:
      'Berörd person: en pseudonym (initialer, intern referens) eller ett personnummer/samordningsnummer ' +
      '(ÅÅÅÅMMDD-NNNN eller ÅÅMMDD-NNNN; datumet ska finnas, för samordningsnummer dag + 60, och kontrollsiffran stämma — ' +
      'annars 400 INVALID_PERSONNUMMER). Ett nummer lagras som ÅÅÅÅMMDD-NNNN och visas maskerat (ÅÅÅÅMMDD-****) utom i ' +
      'ärendet för förvaltningschef, sas, mas och ärendets handläggare. En pseudonym får inte innehålla ett personnummer.',
  })
  @Optional()
  @IsString()
  @MaxLength(100)
  personRef?: string;

  @ApiPropertyOptional({
    type: [String],
    maxItems: 10,
    description:
      'Bilagor som laddats upp före rapporten (POST /attachments, samma användare); rapporten tar över dem med steget de fick',
  })
  @Optional()
  @IsArray()
  @ArrayMaxSize(10)
  @IsUUID('all', { each: true })
  attachmentIds?: string[];
}
