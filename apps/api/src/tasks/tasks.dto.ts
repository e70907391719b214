import { ApiProperty, ApiPropertyOptional, IntersectionType } from '@nestjs/swagger';
import { IsBoolean, IsIn, IsString, MaxLength } from 'class-validator';
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
import { PageQueryDto, ToBoolean } from '../cases/dto/case-list.dto';
import { Optional } from '../common/validation/optional';
import { IsKnownUnit } from '../common/validation/validators';
import { PageOf } from '../common/http/page-of.dto';

export const TASK_STATUSES = ['open', 'done'] as const;

export const TASK_KINDS = [
  ...CASE_TASK_KINDS,
  ...LEDNINGSSYSTEM_TASK_KINDS,
  ...RISK_TASK_KINDS,
  ...IMPROVEMENT_TASK_KINDS,
] as const;

export const TASK_SOURCES = [
  ...CASE_TYPES,
  ...ledningssystemAggregateTypes(),
  RISK_ASSESSMENT_TASK_SOURCE,
  IMPROVEMENT_TASK_SOURCE,
] as const;

/** `due`: earliest due first, so the overdue come first (v1's order); `newest`: the latest created first. */
export const TASK_SORTS = ['due', 'newest', 'latest_due'] as const;
export type TaskSort = (typeof TASK_SORTS)[number];

export const TASK_ASSIGNMENTS = ['me', 'role'] as const;

/** The filters the inbox and its counts share (issue 21). */
export class TaskFilterDto {
  @ApiPropertyOptional({ enum: TASK_STATUSES, enumName: 'TaskStatus', default: 'open' })
  @Optional()
  @IsIn(TASK_STATUSES)
  status?: (typeof TASK_STATUSES)[number];

  @ApiPropertyOptional({ enum: TASK_SOURCES, description: 'Ärendetyp, eller registret uppgiften hör till' })
  @Optional()
  @IsIn(TASK_SOURCES)
  caseType?: string;

  @ApiPropertyOptional({ description: 'Enhet; enheter under den ingår' })
  @Optional()
  @IsString()
  @IsKnownUnit()
  unitId?: string;

  @ApiPropertyOptional({
    type: Boolean,
    description: 'true: bara försenade; false: bara de som inte är försenade',
  })
  @Optional()
  @ToBoolean()
  @IsBoolean()
  overdue?: boolean;

  @ApiPropertyOptional({
    enum: TASK_ASSIGNMENTS,
    description: 'me: uppgifter till mig personligen; role: uppgifter till min roll i mina enheter',
  })
  @Optional()
  @IsIn(TASK_ASSIGNMENTS)
  assignedTo?: (typeof TASK_ASSIGNMENTS)[number];

  @ApiPropertyOptional({
    maxLength: 100,
    description:
      'Söker i ärendenummer och registrets benämning (ingen fritext, så sökningen skrivs inte i åtkomstloggen)',
  })
  @Optional()
  @IsString()
  @MaxLength(100)
  q?: string;
}

export class TaskQueryDto extends IntersectionType(PageQueryDto, TaskFilterDto) {
  @ApiPropertyOptional({
    enum: TASK_SORTS,
    enumName: 'TaskSort',
    default: 'due',
    description:
      'due: tidigast förfallodag först (försenade först); newest: senast skapade först; latest_due: senast förfallodag först',
  })
  @Optional()
  @IsIn(TASK_SORTS)
  sort?: TaskSort;

  @ApiPropertyOptional({ enum: TASK_KINDS, description: 'Bara uppgifter av detta slag' })
  @Optional()
  @IsIn(TASK_KINDS)
  kind?: string;
}

export class TaskKindCountDto {
  @ApiProperty({ enum: TASK_KINDS }) kind!: string;
  @ApiProperty() count!: number;
  @ApiProperty({ description: 'Hur många av dem som är försenade' }) overdue!: number;
}

/** What the inbox holds for the caller under the filters, whatever the page and the kind chosen. */
export class TaskCountsDto {
  @ApiProperty() total!: number;
  @ApiProperty({ description: 'Försenade (bara öppna uppgifter kan vara försenade)' }) overdue!: number;
  @ApiProperty({ type: [TaskKindCountDto], description: 'Per slag, flest först' })
  kinds!: TaskKindCountDto[];
}

export class TaskDto {
  @ApiProperty() id!: string;
  @ApiProperty({ format: 'uuid' }) caseId!: string;
  @ApiProperty({ example: 'LS-2026-0007' }) caseNumber!: string;
  // Tasks of the ledningssystem's registers (ADR 0008) share the inbox: caseId is the register item,
  // caseNumber its label, caseType the register.
  @ApiProperty({
    enum: TASK_SOURCES,
    description: 'Ärendetyp, eller registret (routine, egenkontroll, …)',
  })
  caseType!: string;
  @ApiProperty({ enum: TASK_KINDS })
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
