import { ApiPropertyOptional, ApiProperty } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsIn, IsInt, IsString, Matches, Max, Min } from 'class-validator';
import { SCHEDULED_REPORT_KINDS } from '@kvalitet/domain';
import { Optional } from '../common/validation/optional';
import { IsDateOrDateTime, IsIsoWeek } from '../common/validation/validators';

/** Which board's cases a report counts (ADR 0030); without it, every board the caller serves. */
export class BoardQueryDto {
  @ApiPropertyOptional({
    description: 'Nämnden vars ärenden räknas; utan den: de nämnder du tjänar',
    example: 'socialnamnden',
    pattern: '^[a-z0-9][a-z0-9.-]{0,63}$',
  })
  @Optional()
  @IsString()
  @Matches(/^[a-z0-9][a-z0-9.-]{0,63}$/)
  boardId?: string;
}

export class WeeklyDigestQueryDto extends BoardQueryDto {
  @ApiPropertyOptional({
    description: 'ISO-vecka (måndag först, svensk tid); utan den: förra veckan',
    example: '2026-W48',
    pattern: '^\\d{4}-W\\d{2}$',
  })
  @Optional()
  @IsString()
  @IsIsoWeek()
  week?: string;

  @ApiPropertyOptional({
    description:
      'Högst så många ärenderader i JSON-svaret (0–500; linesTotal anger hur många det finns). Utan den: alla. Påverkar inte HTML och PDF.',
    minimum: 0,
    maximum: 500,
    example: 50,
  })
  @Optional()
  @Type(() => Number)
  @IsInt()
  @Min(0)
  @Max(500)
  lines?: number;
}

export class StatisticsQueryDto extends BoardQueryDto {
  @ApiPropertyOptional({
    description: 'Från och med (datum i svensk tid eller tidpunkt med tidszon); utan den: årets början',
    example: '2026-01-01',
  })
  @Optional()
  @IsDateOrDateTime()
  from?: string;

  @ApiPropertyOptional({
    description: 'Till och med (datum i svensk tid eller tidpunkt med tidszon); utan den: nu',
    example: '2026-12-31',
  })
  @Optional()
  @IsDateOrDateTime()
  to?: string;

  @ApiPropertyOptional({
    description: 'Kommaseparerad lista av unit, type, category, lagrum, channel, month',
    example: 'unit,type,month',
    pattern: '^[a-z,]{0,60}$',
  })
  @Optional()
  @IsString()
  @Matches(/^[a-z,]{0,60}$/)
  groupBy?: string;
}

export class YearQueryDto extends BoardQueryDto {
  @ApiProperty({ minimum: 2000, maximum: 2100, example: 2026 })
  @Type(() => Number)
  @IsInt()
  @Min(2000)
  @Max(2100)
  year!: number;
}

export class TertialQueryDto extends YearQueryDto {
  @ApiProperty({ enum: [1, 2, 3], description: 'T1 jan–apr, T2 maj–aug, T3 sep–dec', example: 1 })
  @Type(() => Number)
  @IsInt()
  @IsIn([1, 2, 3])
  tertial!: 1 | 2 | 3;
}

export class QuarterQueryDto extends YearQueryDto {
  @ApiProperty({
    enum: [1, 2, 3, 4],
    description: 'Kvartal 1 jan–mar, 2 apr–jun, 3 jul–sep, 4 okt–dec',
    example: 4,
  })
  @Type(() => Number)
  @IsInt()
  @IsIn([1, 2, 3, 4])
  quarter!: 1 | 2 | 3 | 4;
}

export class GeneratedReportsQueryDto {
  @ApiPropertyOptional({ enum: SCHEDULED_REPORT_KINDS, description: 'Bara denna sorts rapport' })
  @Optional()
  @IsIn(SCHEDULED_REPORT_KINDS)
  kind?: string;
}

export class GeneratedReportDto {
  @ApiProperty({ example: 'weekly_digest:2026-W48' }) key!: string;
  @ApiProperty({ enum: SCHEDULED_REPORT_KINDS }) kind!: string;
  @ApiProperty() label!: string;
  @ApiProperty({ format: 'date-time' }) from!: string;
  @ApiProperty({ format: 'date-time' }) to!: string;
  @ApiProperty({ description: '1 första gången; ökar när perioden tas fram igen' }) generation!: number;
  @ApiProperty({ format: 'date-time' }) generatedAt!: string;
  @ApiProperty({ type: String, nullable: true }) workflowId!: string | null;
}

export class CrossBoardQueryDto {
  @ApiProperty({ minimum: 2000, maximum: 2100, example: 2026 })
  @Type(() => Number)
  @IsInt()
  @Min(2000)
  @Max(2100)
  year!: number;
}

export class CrossBoardCountDto {
  @ApiProperty({ example: 'socialnamnden' }) boardId!: string;
  @ApiProperty({ example: 'Socialnämnden' }) boardName!: string;
  @ApiProperty({ example: 'deviation' }) type!: string;
  @ApiProperty({
    type: Number,
    nullable: true,
    description: 'Antal anmälda ärenden under året; null när antalet är 1–2 (REP-15)',
  })
  reported!: number | null;
}

export class CrossBoardReportDto {
  @ApiProperty({ example: 2026 }) year!: number;
  @ApiProperty({ example: 3, description: 'Antal 1 till och med threshold − 1 döljs' }) threshold!: number;
  @ApiProperty({ type: [CrossBoardCountDto] }) items!: CrossBoardCountDto[];
}
