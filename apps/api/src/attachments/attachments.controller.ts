import { Controller, Get, HttpCode, Param, Post, Query, Req, Res, UseGuards } from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiBody,
  ApiConsumes,
  ApiCreatedResponse,
  ApiOkResponse,
  ApiOperation,
  ApiParam,
  ApiProduces,
  ApiTags,
} from '@nestjs/swagger';
import type { Request, Response } from 'express';
import type { Principal } from '../access/principal';
import { showsText, textDisclosure } from '../access/protected-identity-policy';
import { CurrentUser, Public } from '../auth/auth.decorators';
import { CaseAccess, CaseAccessGuard, LoadedCaseParam } from '../cases/case-access.guard';
import type { LoadedCase } from '../cases/case-access.service';
import { CASE_ID_PARAM } from '../cases/cases.controller';
import { CaseReadQueryDto } from '../cases/dto/case-read.dto';
import { ReqInfo, type RequestInfo } from '../common/http/request-info';
import { ApiProblem } from '../common/problem/api-problem';
import { ApiProblems } from '../common/problem/api-problems.decorator';
import { PublicFeedbackRateLimitGuard } from '../public-feedback/public-feedback-rate-limit.guard';
import {
  AttachmentDto,
  AttachmentListDto,
  AttachmentSettingsDto,
  AttachmentUploadDto,
} from './attachments.dto';
import { AttachmentsService, PUBLIC_UPLOADER } from './attachments.service';
import { readUpload } from './read-upload';

const UPLOAD_BODY = {
  type: AttachmentUploadDto,
  description:
    'multipart/form-data med filen i fältet `file` (JPEG, PNG, HEIC eller PDF, högst ATTACHMENTS_MAX_BYTES, 10 MB som standard) ' +
    'och steget i `step`. Typen avgörs av filens innehåll. Platsuppgifter (Exif, XMP) tas bort ur bilder; där ClamAV finns ' +
    'virusskannas filen. Nekas: 413 ATTACHMENT_TOO_LARGE, 415 ATTACHMENT_TYPE_NOT_ALLOWED, 422 ATTACHMENT_INFECTED, ' +
    '503 ATTACHMENT_SCAN_FAILED; då sparas ingenting.',
};

const ATTACHMENT_ID_PARAM = {
  name: 'attachmentId',
  description: 'Bilagans id',
  schema: { type: 'string', format: 'uuid' },
} as const;

@ApiTags('bilagor')
@Controller()
@UseGuards(CaseAccessGuard)
export class AttachmentsController {
  constructor(private readonly attachments: AttachmentsService) {}

  @Get('attachments/settings')
  @Public()
  @ApiOperation({ summary: 'Vilka filer som tas emot, hur stora, och om de virusskannas här' })
  @ApiOkResponse({ type: AttachmentSettingsDto })
  settings(): AttachmentSettingsDto {
    return this.attachments.settings();
  }

  @Post('attachments')
  @HttpCode(201)
  @ApiBearerAuth()
  @ApiOperation({
    summary:
      'Ladda upp en bilaga före rapporten: svarets id skickas sedan i rapportens attachmentIds (POST /cases), som tar över filen',
  })
  @ApiConsumes('multipart/form-data')
  @ApiBody(UPLOAD_BODY)
  @ApiCreatedResponse({ type: AttachmentDto })
  @ApiProblems(400, 401, 413, 415, 422, 503)
  async uploadBeforeReport(
    @CurrentUser() user: Principal,
    @Req() request: Request,
    @Res({ passthrough: true }) response: Response,
  ): Promise<AttachmentDto> {
    const upload = await readUpload(request, response, this.attachments.maxUploadBytes);
    return this.attachments.add(user, null, upload);
  }

  @Post('public/feedback/attachments')
  @Public()
  @HttpCode(201)
  @UseGuards(PublicFeedbackRateLimitGuard)
  @ApiTags('allmänheten')
  @ApiOperation({
    summary:
      'En bilaga till ett klagomål eller en synpunkt från allmänheten (utan inloggning): id skickas i attachmentIds i POST /public/feedback',
  })
  @ApiConsumes('multipart/form-data')
  @ApiBody(UPLOAD_BODY)
  @ApiCreatedResponse({ type: AttachmentDto })
  @ApiProblems(400, 413, 415, 422, 429, 503)
  async uploadPublic(
    @Req() request: Request,
    @Res({ passthrough: true }) response: Response,
  ): Promise<AttachmentDto> {
    const upload = await readUpload(request, response, this.attachments.maxUploadBytes);
    return this.attachments.add(PUBLIC_UPLOADER, null, upload);
  }

  @Post('cases/:id/attachments')
  @HttpCode(201)
  @ApiBearerAuth()
  @CaseAccess('read')
  @ApiOperation({ summary: 'Bifoga en fil till ärendet (den som får läsa ärendet får bifoga)' })
  @ApiParam(CASE_ID_PARAM)
  @ApiConsumes('multipart/form-data')
  @ApiBody(UPLOAD_BODY)
  @ApiCreatedResponse({ type: AttachmentDto })
  @ApiProblems(400, 401, 403, 404, 409, 413, 415, 422, 503)
  async upload(
    @CurrentUser() user: Principal,
    @LoadedCaseParam() loaded: LoadedCase,
    @Req() request: Request,
    @Res({ passthrough: true }) response: Response,
  ): Promise<AttachmentDto> {
    // Gallring is final (ADR 0027): an erased case takes no new personal data.
    if (loaded.state.erasedAt !== undefined)
      throw new ApiProblem('INVALID_TRANSITION', 'Ärendet är gallrat; inga bilagor kan läggas till.');
    const upload = await readUpload(request, response, this.attachments.maxUploadBytes);
    return this.attachments.add(user, loaded.state.id, upload);
  }

  @Get('cases/:id/attachments')
  @ApiBearerAuth()
  @CaseAccess('read')
  @ApiOperation({ summary: 'Ärendets bilagor: filnamn, storlek, steg, vem och när (utan innehåll)' })
  @ApiParam(CASE_ID_PARAM)
  @ApiOkResponse({ type: AttachmentListDto })
  @ApiProblems(400, 401, 403, 404)
  list(@LoadedCaseParam() loaded: LoadedCase): Promise<AttachmentListDto> {
    return this.attachments.list(loaded.state.id);
  }

  @Get('cases/:id/attachments/:attachmentId')
  @ApiBearerAuth()
  @CaseAccess('read')
  @ApiOperation({ summary: 'Hämta en bilaga (hämtningen loggas i åtkomstloggen)' })
  @ApiParam(CASE_ID_PARAM)
  @ApiParam(ATTACHMENT_ID_PARAM)
  @ApiProduces('image/jpeg', 'image/png', 'image/heic', 'application/pdf')
  @ApiOkResponse({ description: 'Filen', schema: { type: 'string', format: 'binary' } })
  @ApiProblems(400, 401, 403, 404)
  async download(
    @CurrentUser() user: Principal,
    @LoadedCaseParam() loaded: LoadedCase,
    @Param('attachmentId') attachmentId: string,
    @Query() query: CaseReadQueryDto,
    @ReqInfo() info: RequestInfo,
    @Res() response: Response,
  ): Promise<void> {
    // A file of a case with protected personal data is like its free text (ADR 0029): only to those
    // who may read that text, with their reason, which the access log keeps.
    const disclosure = textDisclosure(
      user,
      loaded.facts,
      loaded.state.protectedIdentity === true,
      query.reason,
    );
    if (!showsText(disclosure)) {
      throw ApiProblem.forbidden(
        disclosure.kind === 'reason_required'
          ? 'Personen har skyddade personuppgifter: ange skäl för att öppna bilagan.'
          : 'Personen har skyddade personuppgifter; bilagan visas bara för den som handlägger ärendet.',
      );
    }
    const { attachment, bytes } = await this.attachments.download(
      user,
      loaded.state.id,
      attachmentId,
      info,
      disclosure.kind === 'with_reason' ? disclosure.reason : undefined,
    );
    response.setHeader('Content-Type', attachment.contentType);
    response.setHeader('Content-Length', String(bytes.length));
    response.setHeader(
      'Content-Disposition',
      `attachment; filename="${asciiFallback(attachment.fileName)}"; filename*=UTF-8''${encodeURIComponent(attachment.fileName)}`,
    );
    response.setHeader('Content-Security-Policy', "default-src 'none'; sandbox");
    response.status(200).end(bytes);
  }
}

function asciiFallback(name: string): string {
  return (
    name
      .normalize('NFD')
      .replace(/[^\x20-\x7e]/g, '')
      .replace(/["\\]/g, '') || 'bilaga'
  );
}
