import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
  IsDefined,
  IsIn,
  IsString,
  IsUUID,
  Matches,
  MaxLength,
  ValidateNested,
} from 'class-validator';
import { CAUSE_KINDS } from '@kvalitet/domain';
import { LONG_TEXT, SHORT_TEXT } from '../cases/dto/text-limits';
import { PageQueryDto } from '../cases/dto/case-list.dto';
import { PageOf } from '../common/http/page-of.dto';
import { Optional } from '../common/validation/optional';
import { RequiredText } from '../common/validation/required-text';
import { IsUsername } from '../common/validation/validators';
import { RegisterCommandDto } from '../routines/routine.dto';
import { IsDate_ } from '../routines/register-support/validators';

export class TeamMemberDto {
  @RequiredText({ maxLength: SHORT_TEXT, example: 'Sara Lind' })
  name!: string;

  @RequiredText({ maxLength: SHORT_TEXT, example: 'Sjuksköterska' })
  role!: string;
}

export class StartEventAnalysisDto {
  @RequiredText({ maxLength: SHORT_TEXT, example: 'Fall vid förflyttning' })
  title!: string;

  @ApiProperty({ description: 'Analysledaren (användarnamn)', example: 'sas' })
  @IsDefined()
  @IsString()
  @IsUsername()
  owner!: string;

  @ApiProperty({ type: [String], minItems: 1, maxItems: 20, description: 'Ärendena analysen gäller' })
  @IsDefined()
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(20)
  @IsUUID('all', { each: true })
  caseIds!: string[];

  @ApiPropertyOptional({ type: [TeamMemberDto], maxItems: 30 })
  @Optional()
  @IsArray()
  @ArrayMaxSize(30)
  @ValidateNested({ each: true })
  @Type(() => TeamMemberDto)
  team?: TeamMemberDto[];
}

export class LinkCaseDto extends RegisterCommandDto {
  @ApiProperty({ format: 'uuid' })
  @IsDefined()
  @IsUUID()
  caseId!: string;
}

export class SetTeamDto extends RegisterCommandDto {
  @ApiProperty({ type: [TeamMemberDto], maxItems: 30 })
  @IsDefined()
  @IsArray()
  @ArrayMaxSize(30)
  @ValidateNested({ each: true })
  @Type(() => TeamMemberDto)
  team!: TeamMemberDto[];
}

export class AddTimelineEntryDto extends RegisterCommandDto {
  @ApiProperty({
    description: 'Datum, gärna med klockslag: 2026-03-01 eller 2026-03-01 14:30',
    example: '2026-03-01 14:30',
  })
  @IsDefined()
  @IsString()
  @MaxLength(16)
  when!: string;

  @RequiredText({ maxLength: LONG_TEXT, description: 'Vad som hände (inga personuppgifter, bara roller)' })
  what!: string;

  @RequiredText({ maxLength: SHORT_TEXT, example: 'Undersköterska' })
  role!: string;
}

export class RemoveTimelineEntryDto extends RegisterCommandDto {
  @ApiProperty({ format: 'uuid' })
  @IsDefined()
  @IsUUID()
  entryId!: string;
}

export class AddCauseDto extends RegisterCommandDto {
  @ApiProperty({
    description: 'Orsakskategorins kod (GET /handelseanalyser/cause-categories)',
    example: 'overlamning',
  })
  @IsDefined()
  @IsString()
  @MaxLength(50)
  category!: string;

  @ApiProperty({ enum: CAUSE_KINDS, enumName: 'CauseKind' })
  @IsDefined()
  @IsIn(CAUSE_KINDS)
  kind!: (typeof CAUSE_KINDS)[number];

  @RequiredText({ maxLength: LONG_TEXT })
  description!: string;
}

export class RemoveCauseDto extends RegisterCommandDto {
  @ApiProperty({ format: 'uuid' })
  @IsDefined()
  @IsUUID()
  causeId!: string;
}

export class CompleteEventAnalysisDto extends RegisterCommandDto {
  @RequiredText({ maxLength: LONG_TEXT, description: 'Sammanfattning av analysen och lärdomarna' })
  summary!: string;
}

export class EventAnalysisListQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ format: 'uuid', description: 'Bara analyser som gäller ärendet' })
  @Optional()
  @IsUUID()
  caseId?: string;

  @ApiPropertyOptional({ enum: ['started', 'completed'] })
  @Optional()
  @IsIn(['started', 'completed'])
  status?: 'started' | 'completed';
}

export class CauseTrendQueryDto {
  @ApiProperty({ format: 'date', description: 'Analyser startade från och med' })
  @IsDefined()
  @IsDate_()
  from!: string;

  @ApiProperty({ format: 'date', description: 'Analyser startade till och med' })
  @IsDefined()
  @IsDate_()
  to!: string;
}

export class CauseCategoryDto {
  @ApiProperty({ example: 'overlamning' })
  @IsDefined()
  @IsString()
  @Matches(/^[a-z][a-z0-9_]{0,49}$/, { message: 'Koden får bara innehålla små bokstäver a–z, siffror och _' })
  code!: string;

  @RequiredText({ maxLength: 100, example: 'Överlämning' })
  label!: string;
}

export class SaveCauseCategoriesDto extends RegisterCommandDto {
  @ApiProperty({ type: [CauseCategoryDto], minItems: 1, maxItems: 30 })
  @IsDefined()
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(30)
  @ValidateNested({ each: true })
  @Type(() => CauseCategoryDto)
  categories!: CauseCategoryDto[];
}

export class CauseCategoriesDto {
  @ApiProperty() version!: number;
  @ApiProperty({ type: [CauseCategoryDto] }) categories!: CauseCategoryDto[];
  @ApiPropertyOptional({ format: 'date-time' }) changedAt?: string;
  @ApiPropertyOptional() changedBy?: string;
}

export class AnalysedCaseDto {
  @ApiProperty({ format: 'uuid' }) caseId!: string;
  @ApiProperty() caseNumber!: string;
  @ApiProperty() unitId!: string;
  @ApiProperty({ description: 'Om du får läsa ärendet' }) readable!: boolean;
}

export class TimelineEntryDto {
  @ApiProperty({ format: 'uuid' }) entryId!: string;
  @ApiProperty() when!: string;
  @ApiProperty({ type: String, nullable: true, description: 'null när du inte får läsa alla ärenden' })
  what!: string | null;
  @ApiProperty() role!: string;
}

export class AnalysedCauseDto {
  @ApiProperty({ format: 'uuid' }) causeId!: string;
  @ApiProperty() category!: string;
  @ApiProperty() categoryLabel!: string;
  @ApiProperty({ enum: CAUSE_KINDS, enumName: 'CauseKind' }) kind!: string;
  @ApiProperty({ type: String, nullable: true }) description!: string | null;
}

export class AnalysisActionDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty() reference!: string;
  @ApiProperty() title!: string;
  @ApiProperty() stage!: string;
  @ApiProperty({ type: String, nullable: true }) owner!: string | null;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) dueAt!: string | null;
}

export class EventAnalysisDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty() reference!: string;
  @ApiProperty() title!: string;
  @ApiProperty() owner!: string;
  @ApiProperty() unitId!: string;
  @ApiProperty({ type: [String] }) unitIds!: string[];
  @ApiProperty({ type: [AnalysedCaseDto] }) cases!: AnalysedCaseDto[];
  @ApiProperty({ type: [TeamMemberDto] }) team!: TeamMemberDto[];
  @ApiProperty({ type: [TimelineEntryDto] }) timeline!: TimelineEntryDto[];
  @ApiProperty({ type: [AnalysedCauseDto] }) causes!: AnalysedCauseDto[];
  @ApiProperty({ type: [CauseCategoryDto] }) categories!: CauseCategoryDto[];
  @ApiProperty({ type: [AnalysisActionDto] }) actions!: AnalysisActionDto[];
  @ApiProperty({ enum: ['started', 'completed'] }) status!: string;
  @ApiProperty({ type: String, nullable: true }) summary!: string | null;
  @ApiProperty({ description: 'Fritext visas inte: du får inte läsa alla ärenden analysen gäller' })
  restricted!: boolean;
  @ApiProperty({ format: 'date-time' }) startedAt!: string;
  @ApiProperty() startedBy!: string;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) completedAt!: string | null;
  @ApiProperty({ type: String, nullable: true }) completedBy!: string | null;
  @ApiProperty() version!: number;
}

export class EventAnalysisSummaryDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty() reference!: string;
  @ApiProperty() title!: string;
  @ApiProperty() owner!: string;
  @ApiProperty({ type: [String] }) unitIds!: string[];
  @ApiProperty({ type: [String] }) caseNumbers!: string[];
  @ApiProperty({ enum: ['started', 'completed'] }) status!: string;
  @ApiProperty() causeCount!: number;
  @ApiProperty({ format: 'date-time' }) startedAt!: string;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) completedAt!: string | null;
}

export class EventAnalysisPageDto extends PageOf(EventAnalysisSummaryDto) {}

export class CauseCountDto {
  @ApiProperty() category!: string;
  @ApiProperty() label!: string;
  @ApiProperty() root!: number;
  @ApiProperty() contributing!: number;
  @ApiProperty() total!: number;
}

export class CauseTrendDto {
  @ApiProperty({ format: 'date' }) from!: string;
  @ApiProperty({ format: 'date' }) to!: string;
  @ApiProperty({ description: 'Antal analyser i perioden' }) analyses!: number;
  @ApiProperty({ type: [CauseCountDto] }) categories!: CauseCountDto[];
}
