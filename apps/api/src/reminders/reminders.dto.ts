import { ApiProperty } from '@nestjs/swagger';
import { CASE_DEADLINE_KINDS } from '@kvalitet/domain';
import { PageQueryDto } from '../cases/dto/case-list.dto';
import { PageOf } from '../common/http/page-of.dto';

export class ReminderQueryDto extends PageQueryDto {}

/** A deadline reminder in the caller's reminder inbox (DeadlineReminderSent, delivered in-app). */
export class ReminderDto {
  @ApiProperty({ format: 'uuid', description: 'Påminnelsens id (samma som i e-postens nyckel)' }) id!: string;
  @ApiProperty({ format: 'uuid' }) caseId!: string;
  @ApiProperty({ example: 'AV-2026-0007' }) caseNumber!: string;
  @ApiProperty({ format: 'uuid' }) deadlineId!: string;
  @ApiProperty({ enum: CASE_DEADLINE_KINDS, enumName: 'DeadlineKind' }) kind!: string;
  @ApiProperty({ format: 'date-time' }) dueAt!: string;
  @ApiProperty({
    enum: ['before', 'missed'],
    description: 'before: fristen närmar sig; missed: fristen har passerat och eskalerats',
  })
  when!: string;
  @ApiProperty({ type: String, nullable: true, description: 'Användaren påminnelsen gäller' })
  recipientUsername!: string | null;
  @ApiProperty({ type: String, nullable: true, description: 'Rollen påminnelsen gäller (inom enheten)' })
  recipientRole!: string | null;
  @ApiProperty({ type: String, nullable: true }) unitId!: string | null;
  @ApiProperty({ format: 'date-time' }) createdAt!: string;
}

export class ReminderPageDto extends PageOf(ReminderDto) {}
