import { Controller, Get, Inject } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiProperty, ApiTags } from '@nestjs/swagger';
import type { DataSource } from 'typeorm';
import type { Principal } from '../access/principal';
import { CurrentUser } from '../auth/auth.decorators';
import { ApiProblems } from '../common/problem/api-problems.decorator';
import { DATA_SOURCE } from '../infrastructure/infrastructure.tokens';

export class InAppNotificationDto {
  @ApiProperty({ description: 'Idempotensnyckel (händelsen meddelandet gäller)' }) key!: string;
  @ApiProperty({ example: 'case_outcome' }) kind!: string;
  @ApiProperty({ type: String, nullable: true }) caseId!: string | null;
  @ApiProperty({ type: String, nullable: true }) caseNumber!: string | null;
  @ApiProperty() title!: string;
  @ApiProperty() body!: string;
  @ApiProperty({ type: 'object', additionalProperties: true }) details!: Record<string, unknown>;
  @ApiProperty({ format: 'date-time' }) createdAt!: string;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) readAt!: string | null;
}

export class InAppNotificationListDto {
  @ApiProperty({ type: [InAppNotificationDto] }) items!: InAppNotificationDto[];
  @ApiProperty() total!: number;
}

interface Row {
  key: string;
  kind: string;
  case_id: string | null;
  case_number: string | null;
  title: string;
  body: string;
  details: Record<string, unknown>;
  created_at: Date;
  read_at: Date | null;
}

/** The caller's own in-app notices (`user_notifications`), e.g. the outcome of a reported deviation (IMP-8). */
@ApiTags('notiser')
@ApiBearerAuth()
@Controller('notifications')
export class InAppNotificationsController {
  constructor(@Inject(DATA_SOURCE) private readonly dataSource: DataSource) {}

  @Get('in-app')
  @ApiOperation({
    summary: 'Dina meddelanden i appen (nyast först, högst 100)',
    operationId: 'notifications_inApp',
  })
  @ApiOkResponse({ type: InAppNotificationListDto })
  @ApiProblems(401)
  async list(@CurrentUser() user: Principal): Promise<InAppNotificationListDto> {
    const rows: Row[] = await this.dataSource.query(
      `SELECT key, kind, case_id, case_number, title, body, details, created_at, read_at
         FROM user_notifications WHERE username = $1 ORDER BY created_at DESC, key LIMIT 100`,
      [user.username.toLowerCase()],
    );
    return {
      items: rows.map((row) => ({
        key: row.key,
        kind: row.kind,
        caseId: row.case_id,
        caseNumber: row.case_number,
        title: row.title,
        body: row.body,
        details: row.details,
        createdAt: new Date(row.created_at).toISOString(),
        readAt: row.read_at === null ? null : new Date(row.read_at).toISOString(),
      })),
      total: rows.length,
    };
  }
}
