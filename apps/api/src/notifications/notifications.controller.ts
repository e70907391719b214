import { Controller, Get, Param, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiParam, ApiTags } from '@nestjs/swagger';
import { Mailer, type StoredMail } from '@kvalitet/notifications';
import { canReadMail, canReadMailOf } from '../access/access-policy';
import type { Principal } from '../access/principal';
import { CurrentUser } from '../auth/auth.decorators';
import { ApiProblem } from '../common/problem/api-problem';
import { ReadRoute } from '../common/http/resource-routes.decorator';
import { ApiProblems } from '../common/problem/api-problems.decorator';
import { MailDto, MailPageDto, MailQueryDto } from './notifications.dto';

@ApiTags('notiser')
@ApiBearerAuth()
@Controller('notifications')
export class NotificationsController {
  constructor(private readonly mailer: Mailer) {}

  @ReadRoute(
    {
      summary: 'Skickad e-post (lokalt fångad eller via SMTP): din egen, eller all för kvalitetssamordnaren',
      response: { type: MailPageDto },
    },
    'mail',
  )
  async list(@CurrentUser() user: Principal, @Query() query: MailQueryDto): Promise<MailPageDto> {
    const own = this.mailer.addressOf(user.username);
    const to = query.to ?? (canReadMail(user) ? undefined : user.username);
    if (to !== undefined && !canReadMailOf(user, to, own)) {
      throw ApiProblem.forbidden('Du får bara läsa din egen e-post.');
    }
    const page = query.page ?? 1;
    const pageSize = query.pageSize ?? 50;
    const { items, total } = await this.mailer.list({ ...(to === undefined ? {} : { to }), page, pageSize });
    return { items: items.map(toDto), total, page, pageSize };
  }

  @Get('mail/:id')
  @ApiOperation({ summary: 'Ett skickat e-postmeddelande' })
  @ApiParam({ name: 'id', schema: { type: 'string', pattern: '^[0-9]+$' } })
  @ApiOkResponse({ type: MailDto })
  @ApiProblems(400, 401, 404)
  async get(@CurrentUser() user: Principal, @Param('id') id: string): Promise<MailDto> {
    if (!/^\d{1,18}$/.test(id)) {
      throw ApiProblem.validation([
        { field: 'id', code: 'INVALID_FORMAT', message: 'Meddelandets id måste vara ett heltal.' },
      ]);
    }
    const mail = await this.mailer.get(id);
    const own = this.mailer.addressOf(user.username);
    if (
      !mail ||
      !(canReadMail(user) || mail.to.includes(own) || mail.toUsernames.includes(user.username.toLowerCase()))
    ) {
      throw ApiProblem.notFound('Meddelandet finns inte, eller så är det inte ditt.');
    }
    return toDto(mail);
  }
}

function toDto(mail: StoredMail): MailDto {
  return {
    ...mail,
    to: [...mail.to],
    toUsernames: [...mail.toUsernames],
    attachments: mail.attachments.map((a) => ({ ...a })),
  };
}
