import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { CASE_TYPES, RETENTION_FROM, RETENTION_MAX_YEARS, RETENTION_MIN_YEARS } from '@kvalitet/domain';
import { Optional } from '../common/validation/optional';
import { IsDateOrDateTime } from '../common/validation/validators';

/** Documentation only: the body is checked by the domain's validateRetentionDocument (Swedish field errors). */
export class RetentionRuleItemDto {
  @ApiProperty({ enum: CASE_TYPES, enumName: 'CaseType' }) caseType!: string;
  @ApiProperty({ minimum: RETENTION_MIN_YEARS, maximum: RETENTION_MAX_YEARS, description: 'Antal hela år' })
  keepYears!: number;
  @ApiProperty({ enum: RETENTION_FROM, description: 'Räknat från avslut (closed) eller anmälan (reported)' })
  from!: string;
}

export class RetentionDocumentDto {
  @ApiPropertyOptional({
    minimum: 1,
    description: 'Den version ändringen bygger på (valfri); en inaktuell version ger 409',
  })
  version?: number;

  @ApiProperty({
    type: [RetentionRuleItemDto],
    description: 'Alla regler, högst en per ärendetyp; en typ utan regel gallras aldrig',
  })
  rules!: RetentionRuleItemDto[];
}

export class RetentionRulesDto {
  @ApiProperty({ minimum: 1, description: 'Reglernas version; 1 = demoreglerna (inget sparat ännu)' })
  version!: number;

  @ApiProperty({ type: [RetentionRuleItemDto] }) rules!: RetentionRuleItemDto[];

  @ApiPropertyOptional({ format: 'date-time' }) changedAt?: string;

  @ApiPropertyOptional({ description: 'Vem som sparade versionen' }) changedBy?: string;
}

export class RetentionLogEntryDto {
  @ApiProperty({ format: 'uuid' }) caseId!: string;
  @ApiProperty({ example: 'KL-2026-0004' }) caseNumber!: string;
  @ApiProperty({ enum: CASE_TYPES, enumName: 'CaseType' }) caseType!: string;
  @ApiProperty() unitId!: string;
  @ApiProperty({ type: RetentionRuleItemDto, description: 'Regeln ärendet gallrades enligt' })
  rule!: RetentionRuleItemDto;
  @ApiProperty({ format: 'date', description: 'Dagen regeln tillät gallring från' }) dueOn!: string;
  @ApiProperty({ format: 'date-time' }) erasedAt!: string;
  @ApiProperty({ description: 'gallring (det dagliga schemat) eller användaren som körde gallringen' })
  erasedBy!: string;
}

export class RetentionLogDto {
  @ApiProperty({ type: [RetentionLogEntryDto], description: 'Nyast först' }) items!: RetentionLogEntryDto[];
}

export class RetentionRunDto {
  @ApiProperty({ format: 'date', description: 'Dagen (svensk tid) reglerna tillämpades på' }) today!: string;
  @ApiProperty({ type: [RetentionLogEntryDto], description: 'De ärenden som gallrades nu' })
  erased!: RetentionLogEntryDto[];
  @ApiProperty({ description: 'Kandidater som inte gallrades ändå (spärrade eller gallrade under tiden)' })
  skipped!: number;
}

export class RetentionLogQueryDto {
  @ApiPropertyOptional({
    description: 'Gallrade från och med (datum i svensk tid, eller tidpunkt med tidszon)',
    example: '2026-01-01',
  })
  @Optional()
  @IsDateOrDateTime()
  from?: string;

  @ApiPropertyOptional({
    description: 'Gallrade till och med (datum i svensk tid, eller tidpunkt med tidszon)',
    example: '2026-12-31',
  })
  @Optional()
  @IsDateOrDateTime()
  to?: string;
}
