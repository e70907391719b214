import { Controller, Get, HttpCode, Inject, Param, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiParam, ApiProperty, ApiTags } from '@nestjs/swagger';
import type { DataSource } from 'typeorm';
import { maskPersonnummer } from '@kvalitet/domain';
import type { Principal } from '../access/principal';
import { CurrentUser } from '../auth/auth.decorators';
import { ApiProblem } from '../common/problem/api-problem';
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
  @ApiProperty({ description: 'Olästa meddelanden (alla, inte bara de 100 i listan)' }) unread!: number;
}

export class UnreadCountDto {
  @ApiProperty({ description: 'Olästa meddelanden' }) unread!: number;
}

export class MarkedReadDto {
  @ApiProperty({ description: 'Meddelanden som markerades som lästa nu' }) marked!: number;
  @ApiProperty({ description: 'Olästa meddelanden som återstår' }) unread!: number;
}

/** Keys are written by the system (`notice/<händelse>/<n>/<användare>`, `case-outcome/…`, `daily-list:…`). */
const NOTIFICATION_KEY = /^[A-Za-z0-9._:@/+-]{1,300}$/;

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
      unread: await this.unreadOf(user),
      items: rows.map((row) => ({
        key: row.key,
        kind: row.kind,
        caseId: row.case_id,
        caseNumber: row.case_number,
        // The bell is a list outside the case: whatever a notice was written with, no full personnummer (issue 21).
        title: maskPersonnummer(row.title),
        body: maskPersonnummer(row.body),
        details: row.details,
        createdAt: new Date(row.created_at).toISOString(),
        readAt: row.read_at === null ? null : new Date(row.read_at).toISOString(),
      })),
      total: rows.length,
    };
  }

  @Get('in-app/unread-count')
  @ApiOperation({
    summary: 'Antal olästa meddelanden (klockan i sidhuvudet)',
    operationId: 'notifications_unreadCount',
  })
  @ApiOkResponse({ type: UnreadCountDto })
  @ApiProblems(401)
  async unreadCount(@CurrentUser() user: Principal): Promise<UnreadCountDto> {
    return { unread: await this.unreadOf(user) };
  }

  @Post('in-app/read-all')
  @HttpCode(200)
  @ApiOperation({ summary: 'Markera alla dina meddelanden som lästa', operationId: 'notifications_readAll' })
  @ApiOkResponse({ type: MarkedReadDto })
  @ApiProblems(401)
  async readAll(@CurrentUser() user: Principal): Promise<MarkedReadDto> {
    const [, marked] = (await this.dataSource.query(
      `UPDATE user_notifications SET read_at = now() WHERE username = $1 AND read_at IS NULL`,
      [user.username.toLowerCase()],
    )) as [unknown, number];
    return { marked, unread: await this.unreadOf(user) };
  }

  @Post('in-app/:key/read')
  @HttpCode(200)
  @ApiOperation({
    summary: 'Markera ett meddelande som läst (nyckeln URL-kodad); att göra det igen ändrar inget',
    operationId: 'notifications_markRead',
  })
  @ApiParam({ name: 'key', schema: { type: 'string', maxLength: 300 } })
  @ApiOkResponse({ type: MarkedReadDto })
  @ApiProblems(400, 401, 404)
  async markRead(@CurrentUser() user: Principal, @Param('key') key: string): Promise<MarkedReadDto> {
    if (!NOTIFICATION_KEY.test(key)) {
      throw ApiProblem.validation([
        { field: 'key', code: 'INVALID_FORMAT', message: 'Meddelandets nyckel har fel form.' },
      ]);
    }
    const found: { read_at: Date | null }[] = await this.dataSource.query(
      `SELECT read_at FROM user_notifications WHERE key = $1 AND username = $2`,
      [key, user.username.toLowerCase()],
    );
    if (found.length === 0) throw ApiProblem.notFound('Meddelandet finns inte, eller så är det inte ditt.');
    let marked = 0;
    if (found[0]!.read_at === null) {
      const [, count] = (await this.dataSource.query(
        `UPDATE user_notifications SET read_at = now() WHERE key = $1 AND username = $2 AND read_at IS NULL`,
        [key, user.username.toLowerCase()],
      )) as [unknown, number];
      marked = count;
    }
    return { marked, unread: await this.unreadOf(user) };
  }

  private async unreadOf(user: Principal): Promise<number> {
    const [row]: { n: string }[] = await this.dataSource.query(
      `SELECT count(*) AS n FROM user_notifications WHERE username = $1 AND read_at IS NULL`,
      [user.username.toLowerCase()],
    );
    return Number(row?.n ?? 0);
  }
}
