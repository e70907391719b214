import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsIn, IsInt, IsString, Max, Min } from 'class-validator';
import {
  CASE_TYPES,
  RISK_ASSESSMENT_STAGES,
  RISK_ASSESSMENT_TRIGGERS,
  RISK_LEVELS,
  RISK_TASK_KINDS,
} from '@kvalitet/domain';
import { PageQueryDto } from '../../cases/dto/case-list.dto';
import { Optional } from '../../common/validation/optional';
import { IsKnownUnit } from '../../common/validation/validators';
import { PageOf } from '../../common/http/page-of.dto';

const nullableString = (description?: string) =>
  ({ type: String, nullable: true, ...(description ? { description } : {}) }) as const;
const nullableDate = { type: String, format: 'date-time', nullable: true } as const;

export class RiskScoreDto {
  @ApiProperty({ minimum: 1, maximum: 4 }) probability!: number;
  @ApiProperty({ minimum: 1, maximum: 4 }) severity!: number;
  @ApiProperty({ description: 'Sannolikhet × allvarlighetsgrad', enum: [1, 2, 3, 4, 6, 8, 9, 12, 16] })
  score!: number;
  @ApiProperty({ enum: RISK_LEVELS, enumName: 'RiskLevel' }) level!: string;
}

export class RiskAcceptanceDto {
  @ApiProperty() rationale!: string;
  @ApiProperty() by!: string;
  @ApiProperty({ format: 'date-time' }) at!: string;
}

export class ResidualRiskDto extends RiskScoreDto {
  @ApiProperty() rationale!: string;
  @ApiProperty() by!: string;
  @ApiProperty({ format: 'date-time' }) at!: string;
}

export class RiskDto extends RiskScoreDto {
  @ApiProperty() id!: string;
  @ApiProperty() description!: string;
  @ApiProperty({ type: [String] }) causes!: string[];
  @ApiProperty({ description: 'Vad nivån kräver (RA-3)' }) demand!: string;
  @ApiProperty({ description: 'Nivån kräver en handlingsplan' }) actionPlanRequired!: boolean;
  @ApiProperty({ type: RiskAcceptanceDto, nullable: true }) accepted!: RiskAcceptanceDto | null;
  @ApiProperty({ type: ResidualRiskDto, nullable: true, description: 'Kvarstående risk efter åtgärderna' })
  residual!: ResidualRiskDto | null;
}

export class RiskActionDeadlineDto {
  @ApiProperty({ enum: ['action'] }) kind!: string;
  @ApiProperty({ format: 'date-time' }) dueAt!: string;
  @ApiProperty({ enum: ['open', 'met', 'missed'] }) status!: string;
  @ApiProperty({ description: '0 tills fristen missats; sedan eskaleringssteget' }) escalationLevel!: number;
  @ApiProperty({ type: [String] }) escalatedTo!: string[];
}

export class RiskActionDto {
  @ApiProperty() id!: string;
  @ApiProperty() riskId!: string;
  @ApiProperty() title!: string;
  @ApiProperty() owner!: string;
  @ApiProperty({ format: 'date-time' }) dueAt!: string;
  @ApiProperty({ type: [Number] }) causeIndexes!: number[];
  @ApiProperty({ enum: ['open', 'completed'] }) status!: string;
  @ApiProperty(nullableString()) result!: string | null;
  @ApiProperty(nullableDate) completedAt!: string | null;
  @ApiProperty({ type: RiskActionDeadlineDto }) deadline!: RiskActionDeadlineDto;
}

export class RiskTaskDto {
  @ApiProperty() id!: string;
  @ApiProperty({ enum: RISK_TASK_KINDS, enumName: 'RiskTaskKind' }) kind!: string;
  @ApiProperty(nullableString()) assignee!: string | null;
  @ApiProperty(nullableString()) assigneeRole!: string | null;
  @ApiProperty() unitId!: string;
  @ApiProperty(nullableDate) dueAt!: string | null;
  @ApiProperty(nullableString()) actionId!: string | null;
  @ApiProperty({ enum: ['open', 'done'] }) status!: string;
  @ApiProperty({ format: 'date-time' }) createdAt!: string;
  @ApiProperty(nullableDate) completedAt!: string | null;
}

export class DeviationPatternDto {
  @ApiProperty() key!: string;
  @ApiProperty({ enum: ['unit', 'cross_unit'] }) scope!: string;
  @ApiProperty({ enum: CASE_TYPES, enumName: 'CaseType' }) caseType!: string;
  @ApiProperty(nullableString()) category!: string | null;
  @ApiProperty({ type: [String] }) caseIds!: string[];
  @ApiProperty({ type: [String] }) unitIds!: string[];
  @ApiProperty() count!: number;
  @ApiProperty({ format: 'date-time' }) windowFrom!: string;
  @ApiProperty({ format: 'date-time' }) windowTo!: string;
}

export class RiskAssessmentDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ example: 'RA-2026-0001' }) reference!: string;
  @ApiProperty() title!: string;
  @ApiProperty() unitId!: string;
  @ApiProperty({ enum: RISK_ASSESSMENT_TRIGGERS, enumName: 'RiskAssessmentTrigger' }) trigger!: string;
  @ApiProperty(nullableString()) description!: string | null;
  @ApiProperty({ enum: RISK_ASSESSMENT_STAGES, enumName: 'RiskAssessmentStage' }) stage!: string;
  @ApiProperty(nullableString('Ansvarig för riskanalysen')) owner!: string | null;
  @ApiProperty() version!: number;
  @ApiProperty({ format: 'date-time' }) createdAt!: string;
  @ApiProperty(nullableDate) closedAt!: string | null;
  @ApiProperty(nullableString()) summary!: string | null;
  @ApiProperty({
    type: DeviationPatternDto,
    nullable: true,
    description: 'Avvikelsemönstret som gav förslaget',
  })
  pattern!: DeviationPatternDto | null;
  @ApiProperty({ type: RiskAcceptanceDto, nullable: true }) dismissal!: RiskAcceptanceDto | null;
  @ApiProperty({ type: [RiskDto] }) risks!: RiskDto[];
  @ApiProperty({ type: [RiskActionDto] }) actions!: RiskActionDto[];
  @ApiProperty({ type: [RiskTaskDto] }) tasks!: RiskTaskDto[];
  @ApiProperty({ type: Number, nullable: true }) maxScore!: number | null;
  @ApiProperty({ enum: RISK_LEVELS, enumName: 'RiskLevel', nullable: true }) maxLevel!: string | null;
  @ApiProperty({
    type: Number,
    nullable: true,
    description: 'Högsta aktuella riskvärde (kvarstående där omprövat)',
  })
  currentMaxScore!: number | null;
  @ApiProperty({ type: [String], description: 'Kommandon du får använda' }) allowedCommands!: string[];
}

export class RiskAssessmentListItemDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty() reference!: string;
  @ApiProperty() title!: string;
  @ApiProperty() unitId!: string;
  @ApiProperty({ enum: RISK_ASSESSMENT_TRIGGERS, enumName: 'RiskAssessmentTrigger' }) trigger!: string;
  @ApiProperty({ enum: RISK_ASSESSMENT_STAGES, enumName: 'RiskAssessmentStage' }) stage!: string;
  @ApiProperty(nullableString()) owner!: string | null;
  @ApiProperty() riskCount!: number;
  @ApiProperty({ type: Number, nullable: true }) maxScore!: number | null;
  @ApiProperty({ enum: RISK_LEVELS, enumName: 'RiskLevel', nullable: true }) maxLevel!: string | null;
  @ApiProperty({ type: Number, nullable: true }) currentMaxScore!: number | null;
  @ApiProperty() openActions!: number;
  @ApiProperty({ description: 'Åtgärder vars frist har missats' }) missedActions!: number;
  @ApiProperty(nullableDate) nextDueAt!: string | null;
  @ApiProperty() overdue!: boolean;
  @ApiProperty({ type: [RiskScoreDto], description: 'Riskerna i matrisen (aktuell bedömning)' })
  risks!: RiskScoreDto[];
  @ApiProperty({ format: 'date-time' }) createdAt!: string;
  @ApiProperty(nullableDate) closedAt!: string | null;
  @ApiProperty() version!: number;
}

export class RiskAssessmentListDto extends PageOf(RiskAssessmentListItemDto) {}

export class RiskAssessmentListQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ example: 'solgarden', description: 'Enheten och enheterna under den' })
  @Optional()
  @IsString()
  @IsKnownUnit()
  unitId?: string;

  @ApiPropertyOptional({ enum: RISK_ASSESSMENT_STAGES, enumName: 'RiskAssessmentStage' })
  @Optional()
  @IsIn(RISK_ASSESSMENT_STAGES)
  stage?: string;

  @ApiPropertyOptional({ enum: RISK_ASSESSMENT_TRIGGERS, enumName: 'RiskAssessmentTrigger' })
  @Optional()
  @IsIn(RISK_ASSESSMENT_TRIGGERS)
  trigger?: string;

  @ApiPropertyOptional({
    minimum: 1,
    maximum: 4,
    description: 'Bara analyser med en risk med denna sannolikhet (aktuell bedömning; värmekartans rad)',
  })
  @Optional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(4)
  probability?: number;

  @ApiPropertyOptional({
    minimum: 1,
    maximum: 4,
    description:
      'Bara analyser med en risk med denna allvarlighetsgrad (aktuell bedömning; värmekartans kolumn)',
  })
  @Optional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(4)
  severity?: number;
}

export class RiskMatrixCellDto {
  @ApiProperty({ minimum: 1, maximum: 4 }) probability!: number;
  @ApiProperty({ minimum: 1, maximum: 4 }) severity!: number;
  @ApiProperty() score!: number;
  @ApiProperty({ enum: RISK_LEVELS, enumName: 'RiskLevel' }) level!: string;
  @ApiProperty({ description: 'Antal risker (aktuell bedömning) i cellen, i riskanalyser du får se' })
  count!: number;
}

export class RiskMatrixRowDto {
  @ApiProperty({ minimum: 1, maximum: 4 }) probability!: number;
  @ApiProperty() label!: string;
  @ApiProperty({ type: [RiskMatrixCellDto] }) cells!: RiskMatrixCellDto[];
}

export class RiskMatrixColumnDto {
  @ApiProperty({ minimum: 1, maximum: 4 }) severity!: number;
  @ApiProperty() label!: string;
}

export class RiskLevelInfoDto {
  @ApiProperty({ enum: RISK_LEVELS, enumName: 'RiskLevel' }) level!: string;
  @ApiProperty() label!: string;
  @ApiProperty() demand!: string;
  @ApiProperty() min!: number;
  @ApiProperty() max!: number;
  @ApiProperty() actionPlanRequired!: boolean;
  @ApiProperty() proposedForInternalControl!: boolean;
}

export class RiskMatrixDto {
  @ApiProperty() rowHeading!: string;
  @ApiProperty() columnHeading!: string;
  @ApiProperty({ type: [RiskMatrixColumnDto] }) columns!: RiskMatrixColumnDto[];
  @ApiProperty({ type: [RiskMatrixRowDto] }) rows!: RiskMatrixRowDto[];
  @ApiProperty({ type: [RiskLevelInfoDto] }) levels!: RiskLevelInfoDto[];
  @ApiProperty() policyVersion!: number;
}

export class RiskMatrixQueryDto {
  @ApiPropertyOptional({ example: 'solgarden', description: 'Enheten och enheterna under den' })
  @Optional()
  @IsString()
  @IsKnownUnit()
  unitId?: string;
}

export class RiskCoverageQueryDto {
  @ApiProperty({ example: 2026, minimum: 2000, maximum: 2100, description: 'Kalenderår (Europe/Stockholm)' })
  @Type(() => Number)
  @IsInt()
  @Min(2000)
  @Max(2100)
  year!: number;
}

export class RiskCoverageUnitDto {
  @ApiProperty() unitId!: string;
  @ApiProperty() name!: string;
  @ApiProperty({ description: 'Riskanalyser för enheten under året (förslag och avfärdade ej medräknade)' })
  assessments!: number;
  @ApiProperty({ description: 'Minst en riskanalys under året (RA-10)' }) covered!: boolean;
}

export class RiskCoverageDto {
  @ApiProperty() year!: number;
  @ApiProperty({ type: [RiskCoverageUnitDto] }) units!: RiskCoverageUnitDto[];
  @ApiProperty({ type: [String], description: 'Enheter utan riskanalys under året: flaggas (RA-10, AUD-8)' })
  uncovered!: string[];
}
