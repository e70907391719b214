import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsBoolean, IsDefined, IsIn, IsObject, IsString, ValidateNested } from 'class-validator';
import { TRIAGE_OUTCOMES } from '@kvalitet/domain';
import { LONG_TEXT, SHORT_TEXT } from '../cases/dto/text-limits';
import { PageQueryDto, ToBoolean } from '../cases/dto/case-list.dto';
import { PageOf } from '../common/http/page-of.dto';
import { Optional } from '../common/validation/optional';
import { OptionalText } from '../common/validation/optional-text';
import { RequiredText } from '../common/validation/required-text';
import { ImprovementPlanDto } from '../improvement/dto/improvement-command.dto';
import { RegisterCommandDto } from '../routines/routine.dto';
import { IsKnownUnit } from '../routines/register-support/validators';
import { LsTaskDto } from '../routines/register-support/ls-task.dto';

export class ReportRiskObservationDto {
  @ApiProperty({ example: 'solgarden' })
  @IsDefined()
  @IsString()
  @IsKnownUnit()
  unitId!: string;

  @RequiredText({ maxLength: SHORT_TEXT, example: 'Lös matta vid entrén' })
  title!: string;

  @RequiredText({ maxLength: LONG_TEXT, description: 'Vad du har sett och vad som kan hända' })
  description!: string;
}

export class TriageRiskObservationDto extends RegisterCommandDto {
  @ApiProperty({ enum: TRIAGE_OUTCOMES, enumName: 'TriageOutcome' })
  @IsDefined()
  @IsIn(TRIAGE_OUTCOMES)
  outcome!: (typeof TRIAGE_OUTCOMES)[number];

  @OptionalText({ maxLength: LONG_TEXT, description: 'Motivering; krävs för ingen åtgärd' })
  rationale?: string;

  @ApiPropertyOptional({
    type: ImprovementPlanDto,
    description: 'Åtgärdens plan; krävs när observationen blir en förbättringsåtgärd',
  })
  @Optional()
  @IsObject()
  @ValidateNested()
  @Type(() => ImprovementPlanDto)
  plan?: ImprovementPlanDto;
}

export class RiskObservationListQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ description: 'Bara de du själv har rapporterat' })
  @Optional()
  @ToBoolean()
  @IsBoolean()
  mine?: boolean;

  @ApiPropertyOptional({ enum: ['reported', 'triaged'] })
  @Optional()
  @IsIn(['reported', 'triaged'])
  status?: 'reported' | 'triaged';
}

export class TriageDto {
  @ApiProperty({ enum: TRIAGE_OUTCOMES, enumName: 'TriageOutcome' }) outcome!: string;
  @ApiProperty({ type: String, nullable: true }) rationale!: string | null;
  @ApiProperty({ type: String, format: 'uuid', nullable: true }) targetId!: string | null;
  @ApiProperty({ type: String, nullable: true }) targetReference!: string | null;
  @ApiProperty() by!: string;
  @ApiProperty({ format: 'date-time' }) at!: string;
}

export class RiskObservationDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty() reference!: string;
  @ApiProperty() unitId!: string;
  @ApiProperty() title!: string;
  @ApiProperty() description!: string;
  @ApiProperty() reportedBy!: string;
  @ApiProperty({ format: 'date-time' }) reportedAt!: string;
  @ApiProperty({ format: 'date-time' }) triageDueAt!: string;
  @ApiProperty({ enum: ['reported', 'triaged'] }) status!: string;
  @ApiProperty({ type: TriageDto, nullable: true }) triage!: TriageDto | null;
  @ApiProperty({ description: 'Om du får ta ställning till observationen' }) canTriage!: boolean;
  @ApiProperty({ type: [LsTaskDto] }) tasks!: LsTaskDto[];
  @ApiProperty() version!: number;
}

export class RiskObservationPageDto extends PageOf(RiskObservationDto) {}
