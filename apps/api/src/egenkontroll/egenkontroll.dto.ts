import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
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
  ValidateNested,
} from 'class-validator';
import { CONTROL_FREQUENCIES, EGENKONTROLL_KINDS, FINDING_HANDLINGS } from '@kvalitet/domain';
import type { ControlFrequency, EgenkontrollKind, FindingHandling } from '@kvalitet/domain';
import { PageQueryDto } from '../cases/dto/case-list.dto';
import { Optional } from '../common/validation/optional';
import { RegisterCommandDto } from '../routines/routine.dto';
import { LsTaskDto } from '../routines/register-support/ls-task.dto';
import { IsDate_, IsKnownUnit, IsUsername } from '../routines/register-support/validators';
import { PageOf } from '../common/http/page-of.dto';
import { RequiredText } from '../common/validation/required-text';
import { OptionalText } from '../common/validation/optional-text';

export class PlannedControlInputDto {
  @ApiProperty({ enum: EGENKONTROLL_KINDS, enumName: 'EgenkontrollKind' })
  @IsDefined()
  @IsIn(EGENKONTROLL_KINDS)
  kind!: EgenkontrollKind;

  @RequiredText({ example: 'Loggkontroll i verksamhetssystemet', maxLength: 300 })
  title!: string;

  @RequiredText({ example: 'Stickprov i åtkomstloggen', maxLength: 2000 })
  method!: string;

  @OptionalText({ example: 'två ärenden per handläggare, tre månader bakåt', maxLength: 500 })
  sampleRule?: string;

  @ApiProperty({ enum: CONTROL_FREQUENCIES, enumName: 'ControlFrequency' })
  @IsDefined()
  @IsIn(CONTROL_FREQUENCIES)
  frequency!: ControlFrequency;

  @ApiProperty({ example: 'enhetschef', description: 'Ansvarig (användarnamn)' })
  @IsDefined()
  @IsString()
  @IsUsername()
  responsible!: string;
}

export class CreateEgenkontrollPlanDto {
  @ApiProperty({ example: 'solgarden' })
  @IsDefined()
  @IsString()
  @IsKnownUnit()
  unitId!: string;

  @ApiProperty({ example: 2026, minimum: 2000, maximum: 2100 })
  @IsDefined()
  @IsInt()
  @Min(2000)
  @Max(2100)
  year!: number;

  @ApiProperty({ type: [PlannedControlInputDto] })
  @IsDefined()
  @IsArray()
  @ArrayMaxSize(100)
  @ValidateNested({ each: true })
  @Type(() => PlannedControlInputDto)
  controls!: PlannedControlInputDto[];
}

export class AddControlDto extends RegisterCommandDto {
  @ApiProperty({ type: PlannedControlInputDto })
  @IsDefined()
  @ValidateNested()
  @Type(() => PlannedControlInputDto)
  control!: PlannedControlInputDto;
}

export class AdoptPlanDto extends RegisterCommandDto {}

export class FindingActionInputDto {
  @RequiredText({ maxLength: 300 })
  title!: string;

  @ApiProperty({ example: 'enhetschef' })
  @IsDefined()
  @IsString()
  @IsUsername()
  owner!: string;

  @ApiProperty({ format: 'date', example: '2026-05-01' })
  @IsDefined()
  @IsDate_()
  dueDate!: string;
}

export class FindingInputDto {
  @RequiredText({ maxLength: 5000 })
  description!: string;

  @ApiProperty({
    enum: FINDING_HANDLINGS,
    enumName: 'FindingHandling',
    description:
      'deviation: rapporteras som avvikelse (ett ärende); action: en åtgärd med ägare och datum; none: noteras',
  })
  @IsDefined()
  @IsIn(FINDING_HANDLINGS)
  handling!: FindingHandling;

  @ApiPropertyOptional({ type: FindingActionInputDto, description: 'Krävs när handling = action' })
  @Optional()
  @ValidateNested()
  @Type(() => FindingActionInputDto)
  action?: FindingActionInputDto;
}

export class RecordControlResultDto extends RegisterCommandDto {
  @ApiProperty({ format: 'uuid' })
  @IsDefined()
  @IsUUID()
  controlId!: string;

  @ApiProperty({
    example: '2026-Q1',
    description: 'Tillfället: 2026, 2026-H1, 2026-T2, 2026-Q3 eller 2026-M04',
  })
  @IsDefined()
  @IsString()
  @MaxLength(20)
  occurrence!: string;

  @RequiredText({ maxLength: 10000 })
  result!: string;

  @RequiredText({ maxLength: 10000 })
  analysis!: string;

  @ApiPropertyOptional({ type: [FindingInputDto] })
  @Optional()
  @IsArray()
  @ArrayMaxSize(50)
  @ValidateNested({ each: true })
  @Type(() => FindingInputDto)
  findings?: FindingInputDto[];

  @ApiPropertyOptional({ description: 'Uttryckligen inga åtgärder (EK-3)', default: false })
  @Optional()
  @IsBoolean()
  noActions?: boolean;
}

export class CompleteControlActionDto extends RegisterCommandDto {
  @ApiProperty({ format: 'uuid' })
  @IsDefined()
  @IsUUID()
  actionId!: string;

  @RequiredText({ maxLength: 5000, description: 'Vad som gjordes' })
  note!: string;
}

export class EgenkontrollListQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ description: 'Enhet; enheter under den ingår' })
  @Optional()
  @IsString()
  @IsKnownUnit()
  unitId?: string;

  @ApiPropertyOptional({ minimum: 2000, maximum: 2100 })
  @Optional()
  @Type(() => Number)
  @IsInt()
  @Min(2000)
  @Max(2100)
  year?: number;
}

export class PlannedControlDto {
  @ApiProperty({ format: 'uuid' }) controlId!: string;
  @ApiProperty({ enum: EGENKONTROLL_KINDS, enumName: 'EgenkontrollKind' }) kind!: string;
  @ApiProperty() title!: string;
  @ApiProperty() method!: string;
  @ApiProperty() sampleRule!: string;
  @ApiProperty({ enum: CONTROL_FREQUENCIES, enumName: 'ControlFrequency' }) frequency!: string;
  @ApiProperty() responsible!: string;
}

export class ControlActionDto {
  @ApiProperty({ format: 'uuid' }) actionId!: string;
  @ApiProperty() title!: string;
  @ApiProperty() owner!: string;
  @ApiProperty({ format: 'date' }) dueDate!: string;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) completedAt!: string | null;
  @ApiProperty({ type: String, nullable: true }) completionNote!: string | null;
}

export class FindingDto {
  @ApiProperty({ format: 'uuid' }) findingId!: string;
  @ApiProperty() description!: string;
  @ApiProperty({ enum: FINDING_HANDLINGS, enumName: 'FindingHandling' }) handling!: string;
  @ApiProperty({ type: String, format: 'uuid', nullable: true, description: 'Avvikelseärendet' }) caseId!:
    string | null;
  @ApiProperty({ type: String, nullable: true }) caseNumber!: string | null;
  @ApiProperty({ type: ControlActionDto, nullable: true }) action!: ControlActionDto | null;
}

export class ControlResultDto {
  @ApiProperty({ format: 'uuid' }) controlId!: string;
  @ApiProperty() occurrence!: string;
  @ApiProperty() result!: string;
  @ApiProperty() analysis!: string;
  @ApiProperty({ type: [FindingDto] }) findings!: FindingDto[];
  @ApiProperty() noActions!: boolean;
  @ApiProperty({ format: 'date-time' }) recordedAt!: string;
  @ApiProperty() recordedBy!: string;
}

export class OccurrenceDto {
  @ApiProperty({ format: 'uuid' }) controlId!: string;
  @ApiProperty() occurrence!: string;
  @ApiProperty({ format: 'date-time' }) dueAt!: string;
  @ApiProperty({
    enum: ['done', 'pending', 'missing'],
    description: 'missing: förfallen utan resultat (AUD-11)',
  })
  status!: string;
}

export class EgenkontrollPlanDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty() unitId!: string;
  @ApiProperty() year!: number;
  @ApiProperty({ enum: ['draft', 'adopted'] }) status!: string;
  @ApiProperty({ type: String, nullable: true }) adoptedBy!: string | null;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) adoptedAt!: string | null;
  @ApiProperty({ type: [PlannedControlDto] }) controls!: PlannedControlDto[];
  @ApiProperty({ type: [ControlResultDto] }) results!: ControlResultDto[];
  @ApiProperty({ type: [OccurrenceDto] }) occurrences!: OccurrenceDto[];
  @ApiProperty({ description: 'Förfallna tillfällen utan resultat' }) missing!: number;
  @ApiProperty({ type: [LsTaskDto] }) tasks!: LsTaskDto[];
  @ApiProperty() version!: number;
}

export class EgenkontrollPlanPageDto extends PageOf(EgenkontrollPlanDto) {}

export class CatalogueEntryDto {
  @ApiProperty({ enum: EGENKONTROLL_KINDS, enumName: 'EgenkontrollKind' }) kind!: string;
  @ApiProperty() label!: string;
}
