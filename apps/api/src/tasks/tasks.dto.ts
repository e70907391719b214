import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn } from 'class-validator';
import {
  IMPROVEMENT_TASK_KINDS,
  IMPROVEMENT_TASK_SOURCE,
  RISK_ASSESSMENT_TASK_SOURCE,
  RISK_TASK_KINDS,
  CASE_TASK_KINDS,
  CASE_TYPES,
  LEDNINGSSYSTEM_TASK_KINDS,
  ledningssystemAggregateTypes,
} from '@kvalitet/domain';
import { PageQueryDto } from '../cases/dto/case-list.dto';
import { Optional } from '../common/validation/optional';
import { PageOf } from '../common/http/page-of.dto';

export const TASK_STATUSES = ['open', 'done'] as const;

export class TaskQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ enum: TASK_STATUSES, enumName: 'TaskStatus', default: 'open' })
  @Optional()
  @IsIn(TASK_STATUSES)
  status?: (typeof TASK_STATUSES)[number];
}

export class TaskDto {
  @ApiProperty() id!: string;
  @ApiProperty({ format: 'uuid' }) caseId!: string;
  @ApiProperty({ example: 'LS-2026-0007' }) caseNumber!: string;
  // Tasks of the ledningssystem's registers (ADR 0008) share the inbox: caseId is the register item,
  // caseNumber its label, caseType the register.
  @ApiProperty({
    enum: [
      ...CASE_TYPES,
      ...ledningssystemAggregateTypes(),
      RISK_ASSESSMENT_TASK_SOURCE,
      IMPROVEMENT_TASK_SOURCE,
    ],
    description: 'Ärendetyp, eller registret (routine, egenkontroll, …)',
  })
  caseType!: string;
  @ApiProperty({
    enum: [...CASE_TASK_KINDS, ...LEDNINGSSYSTEM_TASK_KINDS, ...RISK_TASK_KINDS, ...IMPROVEMENT_TASK_KINDS],
  })
  kind!: string;
  @ApiProperty() unitId!: string;
  @ApiProperty({ type: String, nullable: true, description: 'Användaren uppgiften gäller' }) assignee!:
    string | null;
  @ApiProperty({ type: String, nullable: true, description: 'Rollen uppgiften gäller (inom enheten)' })
  assigneeRole!: string | null;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) dueAt!: string | null;
  @ApiProperty() overdue!: boolean;
  @ApiProperty({ description: 'Ärendet gäller en person med skyddade personuppgifter (DATA-2)' })
  protectedIdentity!: boolean;
  @ApiProperty({ enum: TASK_STATUSES, enumName: 'TaskStatus' }) status!: string;
  @ApiProperty({ format: 'date-time' }) createdAt!: string;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) completedAt!: string | null;
}

export class TaskPageDto extends PageOf(TaskDto) {}
