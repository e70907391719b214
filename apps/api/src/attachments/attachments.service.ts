import { createHash, randomUUID } from 'node:crypto';
import { Inject, Injectable, Logger } from '@nestjs/common';
import type { DataSource } from 'typeorm';
import {
  ALLOWED_ATTACHMENT_TYPES,
  isAttachmentStep,
  sniffAttachmentType,
  withoutMetadata,
  type AttachmentContentType,
  type AttachmentStep,
} from '@kvalitet/domain';
import type { Principal } from '../access/principal';
import { AccessLogService } from '../audit/access-log.service';
import { ApiProblem } from '../common/problem/api-problem';
import type { RequestInfo } from '../common/http/request-info';
import { DATA_SOURCE } from '../infrastructure/infrastructure.tokens';
import type { AttachmentStorage, StoredContent } from './attachment-storage';
import type { AttachmentDto, AttachmentListDto, AttachmentSettingsDto } from './attachments.dto';
import type { MalwareScanner } from './malware-scanner';
import { cleanFileName } from './clean-file-name';
import { tooLarge, type Upload } from './read-upload';

export const ATTACHMENT_STORAGE = Symbol('ATTACHMENT_STORAGE');
export const MALWARE_SCANNER = Symbol('MALWARE_SCANNER');
export const ATTACHMENT_MAX_BYTES = Symbol('ATTACHMENT_MAX_BYTES');

/** The uploader of a citizen's attachment: no account, so the form's name for the public. */
export const PUBLIC_UPLOADER = { username: 'allmänheten', name: 'Medborgare (e-tjänst)' } as const;

/** Most attachments one report may take over. */
export const MAX_ATTACHMENTS_PER_REPORT = 10;

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

interface AttachmentRow {
  id: string;
  case_id: string | null;
  step: AttachmentStep;
  file_name: string;
  content_type: AttachmentContentType;
  size_bytes: number;
  storage: 'postgres' | 's3';
  storage_key: string | null;
  uploaded_by: string;
  uploaded_by_name: string;
  uploaded_at: Date;
  scanned: boolean;
}

const COLUMNS = `id, case_id, step, file_name, content_type, size_bytes, storage, storage_key, uploaded_by,
  uploaded_by_name, uploaded_at, scanned`;

/**
 * Attachments on cases (issue 21). A file is accepted only if its bytes are an image or a PDF, it is
 * within the size limit, ClamAV (where installed) finds nothing, and a photo's position and camera
 * data could be removed; otherwise nothing is stored. Every download is written to the access log
 * before the bytes leave the api.
 */
@Injectable()
export class AttachmentsService {
  private readonly logger = new Logger(AttachmentsService.name);

  constructor(
    @Inject(DATA_SOURCE) private readonly dataSource: DataSource,
    @Inject(ATTACHMENT_STORAGE) private readonly storage: AttachmentStorage,
    @Inject(MALWARE_SCANNER) private readonly scanner: MalwareScanner,
    @Inject(ATTACHMENT_MAX_BYTES) private readonly maxBytes: number,
    private readonly accessLog: AccessLogService,
  ) {}

  get maxUploadBytes(): number {
    return this.maxBytes;
  }

  settings(): AttachmentSettingsDto {
    return {
      maxBytes: this.maxBytes,
      allowedTypes: [...ALLOWED_ATTACHMENT_TYPES],
      scanned: this.scanner.scans,
    };
  }

  /** Stores a checked file on a case (`caseId`) or, before its report is sent, on no case yet. */
  async add(
    uploader: { username: string; name: string },
    caseId: string | null,
    upload: Upload,
  ): Promise<AttachmentDto> {
    const step = upload.fields['step'] ?? 'report';
    if (!isAttachmentStep(step)) {
      throw ApiProblem.validation(
        [
          {
            field: 'step',
            code: 'INVALID_VALUE',
            message: 'Välj vilket steg bilagan hör till: rapport, utredning, åtgärd eller extern granskning.',
          },
        ],
        'Okänt steg för bilagan.',
      );
    }
    if (upload.bytes.length > this.maxBytes) throw tooLarge(this.maxBytes);
    const type = sniffAttachmentType(upload.bytes);
    if (!type) {
      throw new ApiProblem(
        'ATTACHMENT_TYPE_NOT_ALLOWED',
        'Filtypen tillåts inte. Bifoga en bild (JPEG, PNG eller HEIC) eller en PDF.',
      );
    }
    const cleaned = withoutMetadata(type, upload.bytes);
    if (!cleaned) {
      throw new ApiProblem(
        'ATTACHMENT_TYPE_NOT_ALLOWED',
        'Bilden kunde inte läsas, så platsuppgifterna i den kunde inte tas bort. Ta en ny bild eller spara den på nytt och försök igen.',
      );
    }
    const scan = await this.scanner.scan(upload.bytes);
    if (scan.verdict === 'infected') {
      this.logger.warn(`bilaga nekad: ${scan.signature} (uppladdad av ${uploader.username})`);
      throw new ApiProblem(
        'ATTACHMENT_INFECTED',
        'Filen innehåller skadlig kod enligt virusskanningen och sparades inte.',
      );
    }
    if (scan.verdict === 'failed') {
      this.logger.error(`virusskanningen misslyckades: ${scan.reason}`);
      throw new ApiProblem(
        'ATTACHMENT_SCAN_FAILED',
        'Filen kunde inte virusskannas just nu och sparades inte. Försök igen om en stund.',
      );
    }
    const bytes = Buffer.from(cleaned);
    const id = randomUUID();
    const stored = await this.storage.put(id, type, bytes);
    try {
      const rows: AttachmentRow[] = await this.dataSource.query(
        `INSERT INTO attachments (id, case_id, step, file_name, content_type, size_bytes, sha256, storage, storage_key,
           content, uploaded_by, uploaded_by_name, scanned)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13)
         RETURNING ${COLUMNS}`,
        [
          id,
          caseId,
          step,
          cleanFileName(upload.fileName, type),
          type,
          bytes.length,
          createHash('sha256').update(bytes).digest('hex'),
          stored.storage,
          stored.storage === 's3' ? stored.key : null,
          stored.storage === 'postgres' ? stored.content : null,
          uploader.username,
          uploader.name,
          this.scanner.scans,
        ],
      );
      return toDto(rows[0]!);
    } catch (error) {
      await this.storage.discard(stored).catch(() => undefined);
      throw error;
    }
  }

  async list(caseId: string): Promise<AttachmentListDto> {
    const rows: AttachmentRow[] = await this.dataSource.query(
      `SELECT ${COLUMNS} FROM attachments WHERE case_id = $1 ORDER BY uploaded_at, id`,
      [caseId],
    );
    return { ...this.settings(), items: rows.map(toDto) };
  }

  /** The file's facts and bytes, after the download is in the access log. */
  async download(
    principal: Principal,
    caseId: string,
    attachmentId: string,
    info: RequestInfo,
    reason?: string,
  ): Promise<{ attachment: AttachmentDto; bytes: Buffer }> {
    const notFound = ApiProblem.notFound('Bilagan finns inte i ärendet.');
    if (!UUID.test(attachmentId)) throw notFound;
    const rows: (AttachmentRow & { content: Buffer | null })[] = await this.dataSource.query(
      `SELECT ${COLUMNS}, content FROM attachments WHERE id = $1 AND case_id = $2`,
      [attachmentId.toLowerCase(), caseId],
    );
    const row = rows[0];
    if (!row) throw notFound;
    await this.accessLog.record(principal, caseId, 'read_attachment', info.route, info.requestId, reason);
    const stored: StoredContent =
      row.storage === 'postgres'
        ? { storage: 'postgres', content: row.content! }
        : { storage: 's3', key: row.storage_key! };
    return { attachment: toDto(row), bytes: await this.storage.get(stored) };
  }

  /**
   * The report refers to files uploaded before it (`POST /attachments`): each must exist, be the
   * same uploader's and not yet belong to a case. Checked before the report is written.
   */
  async checkPending(
    uploader: { username: string },
    ids: readonly string[] | undefined,
    retriedCaseId?: string,
  ): Promise<void> {
    if (!ids || ids.length === 0) return;
    const unknown = ApiProblem.validation(
      [
        {
          field: 'attachmentIds',
          code: 'UNKNOWN',
          message: 'En bilaga finns inte längre; bifoga filen igen.',
        },
      ],
      'En bilaga finns inte längre; bifoga filen igen.',
    );
    if (ids.some((id) => !UUID.test(id))) throw unknown;
    const rows: { count: string }[] = await this.dataSource.query(
      `SELECT count(*) FROM attachments
        WHERE id = ANY($1::uuid[]) AND uploaded_by = $2 AND (case_id IS NULL OR case_id = $3::uuid)`,
      [[...new Set(ids.map((id) => id.toLowerCase()))], uploader.username, retriedCaseId ?? null],
    );
    if (Number(rows[0]?.count ?? 0) !== new Set(ids.map((id) => id.toLowerCase())).size) throw unknown;
  }

  /** The sent report takes its files over; again for the same case (a retried report) changes nothing. */
  async claim(
    uploader: { username: string },
    ids: readonly string[] | undefined,
    caseId: string,
  ): Promise<void> {
    if (!ids || ids.length === 0) return;
    await this.dataSource.query(
      `UPDATE attachments SET case_id = $3
        WHERE id = ANY($1::uuid[]) AND uploaded_by = $2 AND (case_id IS NULL OR case_id = $3)`,
      [ids.map((id) => id.toLowerCase()), uploader.username, caseId],
    );
  }
}

function toDto(row: AttachmentRow): AttachmentDto {
  return {
    id: row.id,
    caseId: row.case_id,
    step: row.step,
    fileName: row.file_name,
    contentType: row.content_type,
    sizeBytes: Number(row.size_bytes),
    uploadedBy: row.uploaded_by,
    uploadedByName: row.uploaded_by_name,
    uploadedAt: new Date(row.uploaded_at).toISOString(),
    scanned: row.scanned,
  };
}
