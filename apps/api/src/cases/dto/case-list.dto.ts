import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import { IsBoolean, IsIn, IsInt, IsString, Max, MaxLength, Min } from 'class-validator';
import { CASE_STAGES, CASE_TYPES, CHANNELS, type CaseStage, type CaseType } from '@kvalitet/domain';
import { Optional } from '../../common/validation/optional';
import { IsDateOrDateTime, IsKnownUnit, IsUsername } from '../../common/validation/validators';
import { PageOf } from '../../common/http/page-of.dto';

const MAX_PAGE_SIZE = 500;

/** "true"/"false" in a query string become booleans; anything else stays and fails IsBoolean. */
export const ToBoolean = (): PropertyDecorator =>
  Transform(({ value }) => (value === 'true' ? true : value === 'false' ? false : value));

export class PageQueryDto {
  @ApiPropertyOptional({ minimum: 1, default: 1 })
  @Optional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(1_000_000)
  page?: number;

  @ApiPropertyOptional({ minimum: 1, maximum: MAX_PAGE_SIZE, default: 50 })
  @Optional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(MAX_PAGE_SIZE)
  pageSize?: number;
}

export class CaseListQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ enum: CASE_TYPES, enumName: 'CaseType' })
  @Optional()
  @IsIn(CASE_TYPES)
  type?: CaseType;

  @ApiPropertyOptional({ enum: CASE_STAGES, enumName: 'CaseStage' })
  @Optional()
  @IsIn(CASE_STAGES)
  stage?: CaseStage;

  @ApiPropertyOptional({ description: 'Enhet; enheter under den ingår' })
  @Optional()
  @IsString()
  @IsKnownUnit()
  unitId?: string;

  @ApiPropertyOptional({
    description: 'Rapporterad från och med (datum i svensk tid, eller tidpunkt med tidszon)',
    example: '2026-11-01',
  })
  @Optional()
  @IsDateOrDateTime()
  from?: string;

  @ApiPropertyOptional({
    description: 'Rapporterad till och med (datum i svensk tid, eller tidpunkt med tidszon)',
    example: '2026-11-30',
  })
  @Optional()
  @IsDateOrDateTime()
  to?: string;

  @ApiPropertyOptional({
    maxLength: 200,
    description:
      'Söker i ärendenummer och beskrivning; träffarna visar ingen fritext. Sökningen skrivs i åtkomstloggen med sin text.',
  })
  @Optional()
  @IsString()
  @MaxLength(200)
  q?: string;

  @ApiPropertyOptional({ description: 'Handläggarens användarnamn' })
  @Optional()
  @IsString()
  @IsUsername()
  assignee?: string;

  @ApiPropertyOptional({ type: Boolean, description: 'Bara ärenden med passerad eller missad frist' })
  @Optional()
  @ToBoolean()
  @IsBoolean()
  overdue?: boolean;
}

/**
 * One line of the case list: no free text and no names (no description, immediateActions,
 * onBehalfOf, personRef — api.md v1.1 "Reads, searches and reclassification"); those are read on the
 * case itself, which is access-logged.
 */
export class CaseListItemDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty() caseNumber!: string;
  @ApiProperty({ enum: CASE_TYPES, enumName: 'CaseType' }) type!: string;
  @ApiProperty({ enum: CASE_STAGES, enumName: 'CaseStage' }) stage!: string;
  @ApiProperty() unitId!: string;
  @ApiProperty({ enum: CHANNELS, enumName: 'CaseChannel' }) channel!: string;
  @ApiProperty() unclassified!: boolean;
  @ApiProperty({ type: String, nullable: true }) category!: string | null;
  @ApiProperty({ format: 'date-time' }) reportedAt!: string;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) occurredAt!: string | null;
  @ApiProperty({ type: String, nullable: true }) assignee!: string | null;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) nextDueAt!: string | null;
  @ApiProperty() missedDeadlines!: number;
  @ApiProperty() overdue!: boolean;
  @ApiProperty() version!: number;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) closedAt!: string | null;
  @ApiProperty({ description: 'Rapporterad senare än policyns late_report_after efter händelsen (DL-2)' })
  lateReport!: boolean;
  @ApiProperty({ description: 'Ärendet gäller en person med skyddade personuppgifter (DATA-2)' })
  protectedIdentity!: boolean;
  @ApiProperty({
    type: String,
    format: 'date-time',
    nullable: true,
    description: 'När ärendet gallrades (DATA-2)',
  })
  erasedAt!: string | null;
}

export class CaseListDto extends PageOf(CaseListItemDto) {}
