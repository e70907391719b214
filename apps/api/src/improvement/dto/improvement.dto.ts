import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn } from 'class-validator';
import { IMPROVEMENT_STAGES, IMPROVEMENT_TASK_KINDS, LESSON_STAGES } from '@kvalitet/domain';
import { PageQueryDto } from '../../cases/dto/case-list.dto';
import { Optional } from '../../common/validation/optional';
import { PageOf } from '../../common/http/page-of.dto';

const nullableString = { type: String, nullable: true } as const;

export class ImprovementTaskDto {
  @ApiProperty() id!: string;
  @ApiProperty({ enum: IMPROVEMENT_TASK_KINDS, enumName: 'ImprovementTaskKind' }) kind!: string;
  @ApiProperty(nullableString) assignee!: string | null;
  @ApiProperty(nullableString) assigneeRole!: string | null;
  @ApiProperty() unitId!: string;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) dueAt!: string | null;
  @ApiProperty({ enum: ['open', 'done'] }) status!: string;
}

export class ImprovementSourceDto {
  @ApiProperty({
    enum: [
      'case',
      'risk_assessment',
      'proposal',
      'event_analysis',
      'risk_observation',
      'ledningssystem_review',
    ],
  })
  kind!: string;
  @ApiProperty() id!: string;
  @ApiPropertyOptional() reference?: string;
  @ApiPropertyOptional({ description: 'Genomgångens år (ledningssystem_review)' }) year?: number;
  @ApiProperty({ type: [String] }) causes!: string[];
}

export class ImprovementPlanViewDto {
  @ApiProperty() title!: string;
  @ApiProperty({ enum: ['individual', 'organisational'] }) level!: string;
  @ApiProperty() owner!: string;
  @ApiProperty({ format: 'date-time' }) dueAt!: string;
  @ApiProperty() expectedEffect!: string;
}

export class ImprovementFeedbackDto {
  @ApiProperty({ enum: ['accepted', 'rejected'] }) decision!: string;
  @ApiProperty() text!: string;
  @ApiProperty() by!: string;
  @ApiProperty({ format: 'date-time' }) at!: string;
  @ApiProperty({ description: 'Den som lämnade förslaget har kvitterat återkopplingen' }) read!: boolean;
}

export class ImprovementImplementationDto {
  @ApiProperty() result!: string;
  @ApiProperty() late!: boolean;
  @ApiProperty({ format: 'date-time' }) at!: string;
}

export class ImprovementFollowUpDto {
  @ApiProperty() effective!: boolean;
  @ApiProperty() evidence!: string;
  @ApiProperty() by!: string;
  @ApiProperty({ format: 'date-time' }) at!: string;
}

export class ImprovementDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ enum: ['proposal', 'action'] }) kind!: string;
  @ApiProperty({ example: 'FF-2026-0001' }) reference!: string;
  @ApiProperty() unitId!: string;
  @ApiProperty({ enum: IMPROVEMENT_STAGES, enumName: 'ImprovementStage' }) stage!: string;
  @ApiProperty() title!: string;
  @ApiProperty(nullableString) description!: string | null;
  @ApiProperty(nullableString) expectedEffect!: string | null;
  @ApiProperty(nullableString) proposer!: string | null;
  @ApiProperty({ type: [ImprovementSourceDto] }) sources!: ImprovementSourceDto[];
  @ApiProperty({ type: ImprovementPlanViewDto, nullable: true }) plan!: ImprovementPlanViewDto | null;
  @ApiProperty({ type: ImprovementFeedbackDto, nullable: true }) feedback!: ImprovementFeedbackDto | null;
  @ApiProperty({ type: ImprovementImplementationDto, nullable: true })
  implementation!: ImprovementImplementationDto | null;
  @ApiProperty({ type: [ImprovementFollowUpDto] }) followUps!: ImprovementFollowUpDto[];
  @ApiProperty({ type: [ImprovementTaskDto] }) tasks!: ImprovementTaskDto[];
  @ApiProperty() version!: number;
  @ApiProperty({ format: 'date-time' }) createdAt!: string;
}

export class LessonCheckDto {
  @ApiProperty() unitId!: string;
  @ApiProperty() applicable!: boolean;
  @ApiProperty() result!: string;
  @ApiProperty() by!: string;
  @ApiProperty({ format: 'date-time' }) at!: string;
}

export class LessonDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ enum: ['lesson'] }) kind!: string;
  @ApiProperty({ example: 'LD-2026-0001' }) reference!: string;
  @ApiProperty() sourceUnitId!: string;
  @ApiProperty(nullableString) sourceCaseId!: string | null;
  @ApiProperty({ enum: LESSON_STAGES, enumName: 'LessonStage' }) stage!: string;
  @ApiProperty() title!: string;
  @ApiProperty() finding!: string;
  @ApiProperty({ format: 'date-time' }) dueAt!: string;
  @ApiProperty({ type: [String] }) targetUnitIds!: string[];
  @ApiProperty({ type: [LessonCheckDto] }) checks!: LessonCheckDto[];
  @ApiProperty({ type: [ImprovementTaskDto] }) tasks!: ImprovementTaskDto[];
  @ApiProperty() version!: number;
  @ApiProperty({ format: 'date-time' }) createdAt!: string;
}

export class ImprovementListItemDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ enum: ['proposal', 'action', 'lesson'] }) kind!: string;
  @ApiProperty() reference!: string;
  @ApiProperty() unitId!: string;
  @ApiProperty({ type: [String] }) targetUnitIds!: string[];
  @ApiProperty({ enum: [...new Set([...IMPROVEMENT_STAGES, ...LESSON_STAGES])] }) stage!: string;
  @ApiProperty() title!: string;
  @ApiProperty(nullableString) proposer!: string | null;
  @ApiProperty(nullableString) owner!: string | null;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) dueAt!: string | null;
  @ApiProperty({ type: ImprovementFeedbackDto, nullable: true, description: 'Återkopplingen (förslag)' })
  feedback!: ImprovementFeedbackDto | null;
  @ApiProperty({ format: 'date-time' }) createdAt!: string;
  @ApiProperty() version!: number;
}

export class ImprovementListDto extends PageOf(ImprovementListItemDto) {}

export class ImprovementListQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ enum: [...new Set([...IMPROVEMENT_STAGES, ...LESSON_STAGES])] })
  @Optional()
  @IsIn([...new Set([...IMPROVEMENT_STAGES, ...LESSON_STAGES])])
  stage?: string;
}
