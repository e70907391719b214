import { ApiProperty } from '@nestjs/swagger';
import { IsBoolean, IsDefined, IsIn, IsInt, IsString, IsUUID, Max, MaxLength, Min } from 'class-validator';
import { INTERNKONTROLL_STAGES } from '@kvalitet/domain';
import { PageQueryDto } from '../cases/dto/case-list.dto';
import { RegisterCommandDto } from '../routines/routine.dto';
import { DecisionDto, DecisionField } from '../routines/register-support/decision.dto';
import { LsTaskDto } from '../routines/register-support/ls-task.dto';
import { IsDate_, IsNotBlank, IsUsername } from '../routines/register-support/validators';
import { PageOf } from '../common/http/page-of.dto';
import { RequiredText } from '../common/validation/required-text';
import { OptionalText } from '../common/validation/optional-text';

export class CreateInternkontrollPlanDto {
  @ApiProperty({ example: 2027, minimum: 2000, maximum: 2100 })
  @IsDefined()
  @IsInt()
  @Min(2000)
  @Max(2100)
  year!: number;
}

export class AddInternkontrollRiskDto extends RegisterCommandDto {
  @ApiProperty({
    maxLength: 2000,
    example: 'Risk för att missförhållanden inte rapporteras, utreds och åtgärdas',
  })
  @IsDefined()
  @IsString()
  @IsNotBlank()
  @MaxLength(2000)
  description!: string;

  @ApiProperty({ minimum: 1, maximum: 4, description: 'Sannolikhet 1–4' })
  @IsDefined()
  @IsInt()
  @Min(1)
  @Max(4)
  probability!: number;

  @ApiProperty({ minimum: 1, maximum: 4, description: 'Allvarlighetsgrad 1–4' })
  @IsDefined()
  @IsInt()
  @Min(1)
  @Max(4)
  severity!: number;

  @ApiProperty({
    maxLength: 300,
    example: 'Ledningsgruppens riskanalys 2026',
    description: 'Varifrån risken kommer (riskanalys, revision, IVO …)',
  })
  @IsDefined()
  @IsString()
  @IsNotBlank()
  @MaxLength(300)
  source!: string;
}

export class SelectInternkontrollRiskDto extends RegisterCommandDto {
  @ApiProperty({ format: 'uuid' })
  @IsDefined()
  @IsUUID()
  riskId!: string;

  @ApiProperty()
  @IsDefined()
  @IsBoolean()
  selected!: boolean;

  @RequiredText({ maxLength: 2000 })
  rationale!: string;
}

export class AddInternkontrollControlDto extends RegisterCommandDto {
  @ApiProperty({ format: 'uuid' })
  @IsDefined()
  @IsUUID()
  riskId!: string;

  @RequiredText({ maxLength: 300 })
  title!: string;

  @RequiredText({ maxLength: 2000 })
  method!: string;

  @ApiProperty({ example: 'sas' })
  @IsDefined()
  @IsString()
  @IsUsername()
  responsible!: string;

  @ApiProperty({ format: 'date' })
  @IsDefined()
  @IsDate_()
  dueDate!: string;
}

export class NamndDecisionDto extends RegisterCommandDto {
  @DecisionField({ description: 'Nämndens beslut' })
  decision!: DecisionDto;
}

export class RecordInternkontrollResultDto extends RegisterCommandDto {
  @ApiProperty({ format: 'uuid' })
  @IsDefined()
  @IsUUID()
  controlId!: string;

  @ApiProperty({ enum: ['ok', 'deficiencies'] })
  @IsDefined()
  @IsIn(['ok', 'deficiencies'])
  outcome!: 'ok' | 'deficiencies';

  @RequiredText({ maxLength: 10000 })
  summary!: string;

  @OptionalText({ maxLength: 10000, description: 'Krävs vid brister' })
  actions?: string;
}

export class ReportInternkontrollDto extends NamndDecisionDto {
  @RequiredText({ maxLength: 10000 })
  summary!: string;

  @RequiredText({ maxLength: 10000, description: 'Utvärdering och förslag till reviderade regler (IK-2)' })
  evaluation!: string;
}

export class InternkontrollListQueryDto extends PageQueryDto {}

export class InternkontrollRiskDto {
  @ApiProperty({ format: 'uuid' }) riskId!: string;
  @ApiProperty() description!: string;
  @ApiProperty() probability!: number;
  @ApiProperty() severity!: number;
  @ApiProperty() score!: number;
  @ApiProperty({ enum: ['low', 'medium', 'high', 'very_high'] }) level!: string;
  @ApiProperty() source!: string;
  @ApiProperty({ description: 'Föreslagen till planen (mycket hög risk)' }) proposed!: boolean;
  @ApiProperty({ type: Boolean, nullable: true }) selected!: boolean | null;
  @ApiProperty({ type: String, nullable: true }) rationale!: string | null;
}

export class InternkontrollResultDto {
  @ApiProperty({ enum: ['ok', 'deficiencies'] }) outcome!: string;
  @ApiProperty() summary!: string;
  @ApiProperty() actions!: string;
  @ApiProperty({ format: 'date-time' }) at!: string;
  @ApiProperty() by!: string;
}

export class InternkontrollControlDto {
  @ApiProperty({ format: 'uuid' }) controlId!: string;
  @ApiProperty({ format: 'uuid' }) riskId!: string;
  @ApiProperty() title!: string;
  @ApiProperty() method!: string;
  @ApiProperty() responsible!: string;
  @ApiProperty({ format: 'date' }) dueDate!: string;
  @ApiProperty({ type: InternkontrollResultDto, nullable: true }) result!: InternkontrollResultDto | null;
}

export class InternkontrollReportDto {
  @ApiProperty({ type: DecisionDto }) decision!: DecisionDto;
  @ApiProperty() summary!: string;
  @ApiProperty() evaluation!: string;
  @ApiProperty({ format: 'date-time' }) at!: string;
}

export class InternkontrollPlanDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty() year!: number;
  @ApiProperty({ enum: INTERNKONTROLL_STAGES, enumName: 'InternkontrollStage' }) stage!: string;
  @ApiProperty({ type: [InternkontrollRiskDto] }) risks!: InternkontrollRiskDto[];
  @ApiProperty({ type: [InternkontrollControlDto] }) controls!: InternkontrollControlDto[];
  @ApiProperty({ type: DecisionDto, nullable: true }) planDecision!: DecisionDto | null;
  @ApiProperty({ type: InternkontrollReportDto, nullable: true }) report!: InternkontrollReportDto | null;
  @ApiProperty({ type: [LsTaskDto] }) tasks!: LsTaskDto[];
  @ApiProperty() version!: number;
}

export class InternkontrollPlanPageDto extends PageOf(InternkontrollPlanDto) {}
