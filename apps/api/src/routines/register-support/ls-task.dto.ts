import { ApiProperty } from '@nestjs/swagger';
import { LEDNINGSSYSTEM_TASK_KINDS } from '@kvalitet/domain';
import type { LsTask } from '@kvalitet/domain';

/** A task written for a duty of a register (also in the inbox, `GET /tasks`). */
export class LsTaskDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ description: 'Vilken plikt uppgiften gäller' }) dutyKey!: string;
  @ApiProperty({ enum: LEDNINGSSYSTEM_TASK_KINDS, enumName: 'LedningssystemTaskKind' }) kind!: string;
  @ApiProperty() title!: string;
  @ApiProperty({ description: '0 = själva uppgiften, n = n:te eskaleringen' }) level!: number;
  @ApiProperty({ type: String, nullable: true }) assignee!: string | null;
  @ApiProperty({ type: String, nullable: true }) assigneeRole!: string | null;
  @ApiProperty() unitId!: string;
  @ApiProperty({ format: 'date-time' }) dueAt!: string;
  @ApiProperty({ enum: ['open', 'done'] }) status!: string;
  @ApiProperty({ format: 'date-time' }) createdAt!: string;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) completedAt!: string | null;
}

export function toLsTaskDto(task: LsTask): LsTaskDto {
  return { ...task };
}
