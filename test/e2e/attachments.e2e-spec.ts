import { eraseCaseCopies } from '@kvalitet/persistence';
import { EICAR, jpegWithLocation } from '../support/photo-with-location';
import { clamscanInstalled, eicarSignatureDatabase } from '../support/clamav-test-database';
import { expectProblem, startApi, type ApiResponse, type TestApi } from './support/api-harness';
import { report } from './support/fixtures';

/**
 * Attachments (issue 21) against the real api, Postgres and — where Debian's ClamAV is installed —
 * the real clamscan with an EICAR signature: upload, list, download, the access log, every refusal
 * with nothing stored, the photo's position gone, and a reader of another unit refused.
 */

interface Attachment {
  id: string;
  caseId: string | null;
  step: string;
  fileName: string;
  contentType: string;
  sizeBytes: number;
  uploadedBy: string;
  uploadedByName: string;
  scanned: boolean;
}

const MAX_BYTES = 64 * 1024;
const PDF = Buffer.from('%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n');
const scanning = clamscanInstalled();

async function upload(
  api: TestApi,
  path: string,
  token: string | undefined,
  file: { bytes: Buffer; name: string; type: string },
  fields: Record<string, string> = {},
): Promise<ApiResponse<Attachment>> {
  const form = new FormData();
  for (const [name, value] of Object.entries(fields)) form.append(name, value);
  form.append('file', new Blob([new Uint8Array(file.bytes)], { type: file.type }), file.name);
  const response = await fetch(`${api.baseUrl}${path}`, {
    method: 'POST',
    headers: token ? { authorization: `Bearer ${token}` } : {},
    body: form,
  });
  const text = await response.text();
  const body = /json/.test(response.headers.get('content-type') ?? '') ? JSON.parse(text) : text;
  return { status: response.status, headers: response.headers, body: body as Attachment, text };
}

async function storedCount(api: TestApi): Promise<number> {
  const rows: { count: string }[] = await api.db.dataSource.query('SELECT count(*) FROM attachments');
  return Number(rows[0]!.count);
}

describe('attachments (issue 21, e2e)', () => {
  let api: TestApi;
  const t: Record<string, string> = {};
  let caseId: string;

  beforeAll(async () => {
    api = await startApi({
      ATTACHMENTS_MAX_BYTES: String(MAX_BYTES),
      ...(scanning
        ? { ATTACHMENTS_CLAMAV_DATABASE: eicarSignatureDatabase() }
        : { ATTACHMENTS_SCAN: 'auto' }),
    });
    for (const user of ['medarbetare', 'enhetschef', 'enhetschef.ekbacken', 'kvalitet', 'medarbetare.linden'])
      t[user] = await api.token(user);
  });

  afterAll(() => api?.close());

  it('takes a photo before the report, strips its position, and the report takes it over', async () => {
    const photo = jpegWithLocation();
    const pending = await upload(api, '/api/v1/attachments', t['medarbetare'], {
      bytes: photo,
      name: 'läkemedelslista.jpg',
      type: 'image/jpeg',
    });
    expect(pending.status).toBe(201);
    expect(pending.body).toMatchObject({
      caseId: null,
      step: 'report',
      fileName: 'läkemedelslista.jpg',
      contentType: 'image/jpeg',
      uploadedBy: 'medarbetare',
      scanned: scanning,
    });
    expect(pending.body.sizeBytes).toBeLessThan(photo.length);

    // another user cannot send someone else's upload with their report
    const stolen = await api.call('POST', '/api/v1/cases', {
      token: t['medarbetare.linden'],
      body: report('deviation', 'linden', 'Fel dos', { attachmentIds: [pending.body.id] }),
    });
    expectProblem(stolen, 400, 'VALIDATION_FAILED');

    const created = await api.call<{ id: string }>('POST', '/api/v1/cases', {
      token: t['medarbetare'],
      body: report('deviation', 'solgarden', 'Läkemedelslistan var fel ifylld', {
        attachmentIds: [pending.body.id],
      }),
    });
    expect(created.status).toBe(201);
    caseId = created.body.id;

    const list = await api.call<{ items: Attachment[]; scanned: boolean; maxBytes: number }>(
      'GET',
      `/api/v1/cases/${caseId}/attachments`,
      { token: t['enhetschef'] },
    );
    expect(list.status).toBe(200);
    expect(list.body).toMatchObject({ scanned: scanning, maxBytes: MAX_BYTES });
    expect(list.body.items).toEqual([
      expect.objectContaining({ id: pending.body.id, caseId, step: 'report' }),
    ]);

    const download = await fetch(`${api.baseUrl}/api/v1/cases/${caseId}/attachments/${pending.body.id}`, {
      headers: { authorization: `Bearer ${t['enhetschef']}` },
    });
    expect(download.status).toBe(200);
    expect(download.headers.get('content-type')).toBe('image/jpeg');
    expect(download.headers.get('content-disposition')).toContain(
      "filename*=UTF-8''l%C3%A4kemedelslista.jpg",
    );
    expect(download.headers.get('cache-control')).toContain('no-store');
    const bytes = Buffer.from(await download.arrayBuffer());
    expect(bytes.subarray(0, 2)).toEqual(Buffer.from([0xff, 0xd8]));
    expect(bytes.includes(Buffer.from('Exif'))).toBe(false);
    expect(bytes.includes(Buffer.from('GPSLatitude'))).toBe(false);
    expect(bytes.length).toBe(pending.body.sizeBytes);

    const log = await api.call<{ items: { username: string; action: string }[] }>(
      'GET',
      `/api/v1/cases/${caseId}/access-log`,
      { token: t['kvalitet'] },
    );
    expect(log.status).toBe(200);
    expect(log.body.items).toContainEqual(
      expect.objectContaining({ username: 'enhetschef', action: 'read_attachment' }),
    );
  });

  it('adds a PDF to an investigation step on the case page and refuses a case the reader may not see', async () => {
    const added = await upload(
      api,
      `/api/v1/cases/${caseId}/attachments`,
      t['enhetschef'],
      { bytes: PDF, name: 'utredning.pdf', type: 'application/pdf' },
      { step: 'investigation' },
    );
    expect(added.status).toBe(201);
    expect(added.body).toMatchObject({ caseId, step: 'investigation', uploadedByName: expect.any(String) });
    expect(added.body.sizeBytes).toBe(PDF.length);

    const before = await storedCount(api);
    const otherUnit = t['enhetschef.ekbacken'];
    expectProblem(
      await api.call('GET', `/api/v1/cases/${caseId}/attachments`, { token: otherUnit }),
      404,
      'NOT_FOUND',
    );
    expectProblem(
      await api.call('GET', `/api/v1/cases/${caseId}/attachments/${added.body.id}`, { token: otherUnit }),
      404,
      'NOT_FOUND',
    );
    expectProblem(
      await upload(api, `/api/v1/cases/${caseId}/attachments`, otherUnit, {
        bytes: PDF,
        name: 'x.pdf',
        type: 'application/pdf',
      }),
      404,
      'NOT_FOUND',
    );
    expectProblem(
      await upload(api, `/api/v1/cases/${caseId}/attachments`, undefined, {
        bytes: PDF,
        name: 'x.pdf',
        type: 'application/pdf',
      }),
      401,
      'UNAUTHENTICATED',
    );
    expect(await storedCount(api)).toBe(before);
  });

  it('refuses a file by what it is, not what it claims, one too large, and an unknown step, storing nothing', async () => {
    const before = await storedCount(api);
    const path = `/api/v1/cases/${caseId}/attachments`;
    const program = await upload(api, path, t['enhetschef'], {
      bytes: Buffer.from('MZ\x90\0 this is a program'),
      name: 'foto.jpg',
      type: 'image/jpeg',
    });
    expect(expectProblem(program, 415, 'ATTACHMENT_TYPE_NOT_ALLOWED').detail).toMatch(/bild .*PDF/);
    const html = await upload(api, path, t['enhetschef'], {
      bytes: Buffer.from('<script>'),
      name: 'a.pdf',
      type: 'application/pdf',
    });
    expectProblem(html, 415, 'ATTACHMENT_TYPE_NOT_ALLOWED');

    const big = Buffer.concat([PDF, Buffer.alloc(MAX_BYTES)]);
    const tooLarge = await upload(api, path, t['enhetschef'], {
      bytes: big,
      name: 'stor.pdf',
      type: 'application/pdf',
    });
    expect(expectProblem(tooLarge, 413, 'ATTACHMENT_TOO_LARGE').detail).toContain('MB');

    const step = await upload(
      api,
      path,
      t['enhetschef'],
      { bytes: PDF, name: 'a.pdf', type: 'application/pdf' },
      { step: 'annat' },
    );
    expectProblem(step, 400, 'VALIDATION_FAILED');

    const noFile = await fetch(`${api.baseUrl}${path}`, {
      method: 'POST',
      headers: { authorization: `Bearer ${t['enhetschef']}` },
      body: new FormData(),
    });
    expect(noFile.status).toBe(400);

    const unknownAttachment = await api.call('GET', `${path}/00000000-0000-4000-8000-000000000000`, {
      token: t['enhetschef'],
    });
    expectProblem(unknownAttachment, 404, 'NOT_FOUND');
    expect(await storedCount(api)).toBe(before);
  });

  (scanning ? it : it.skip)('refuses a PDF that ClamAV finds the EICAR test signature in', async () => {
    const before = await storedCount(api);
    const infected = Buffer.concat([
      Buffer.from('%PDF-1.4\n'),
      Buffer.from(EICAR, 'latin1'),
      Buffer.from('\n%%EOF\n'),
    ]);
    const answer = await upload(api, `/api/v1/cases/${caseId}/attachments`, t['enhetschef'], {
      bytes: infected,
      name: 'brev.pdf',
      type: 'application/pdf',
    });
    expect(expectProblem(answer, 422, 'ATTACHMENT_INFECTED').detail).toContain('skadlig kod');
    expect(await storedCount(api)).toBe(before);
  });

  it('takes a citizen attachment without login and the complaint takes it over', async () => {
    const settings = await api.call<{ maxBytes: number; scanned: boolean }>(
      'GET',
      '/api/v1/attachments/settings',
    );
    expect(settings.body).toMatchObject({ maxBytes: MAX_BYTES, scanned: scanning });
    const pending = await upload(api, '/api/v1/public/feedback/attachments', undefined, {
      bytes: PDF,
      name: 'brev-till-nämnden.pdf',
      type: 'application/pdf',
    });
    expect(pending.status).toBe(201);
    const sent = await api.call<{ reference: string }>('POST', '/api/v1/public/feedback', {
      body: { message: 'Se bifogat brev', attachmentIds: [pending.body.id] },
    });
    expect(sent.status).toBe(202);
    const rows: { case_id: string | null }[] = await api.db.dataSource.query(
      'SELECT case_id FROM attachments WHERE id = $1',
      [pending.body.id],
    );
    expect(rows[0]!.case_id).not.toBeNull();

    const again = await api.call('POST', '/api/v1/public/feedback', {
      body: { message: 'Samma brev igen', attachmentIds: [pending.body.id] },
    });
    expectProblem(again, 400, 'VALIDATION_FAILED');
  });

  it('erasing the case (gallring) deletes its attachments with their bytes', async () => {
    const erased = await eraseCaseCopies(api.db.dataSource.manager, caseId);
    expect(erased.tables.attachments).toBe(2);
    const rows: { count: string }[] = await api.db.dataSource.query(
      'SELECT count(*) FROM attachments WHERE case_id = $1',
      [caseId],
    );
    expect(Number(rows[0]!.count)).toBe(0);
  });

  it('opens a file of a case with protected personal data only to its readers of text, with a reason', async () => {
    const created = await api.call<{ id: string }>('POST', '/api/v1/cases', {
      token: t['medarbetare'],
      body: report('deviation', 'solgarden', 'Fel i journalen', { protectedIdentity: true }),
    });
    const added = await upload(api, `/api/v1/cases/${created.body.id}/attachments`, t['medarbetare'], {
      bytes: PDF,
      name: 'journal.pdf',
      type: 'application/pdf',
    });
    expect(added.status).toBe(201);
    const path = `/api/v1/cases/${created.body.id}/attachments/${added.body.id}`;
    const withoutReason = expectProblem(
      await api.call('GET', path, { token: t['enhetschef'] }),
      403,
      'FORBIDDEN',
    );
    expect(withoutReason.detail).toContain('ange skäl');
    const withReason = await fetch(
      `${api.baseUrl}${path}?reason=${encodeURIComponent('Utredning av händelsen')}`,
      {
        headers: { authorization: `Bearer ${t['enhetschef']}` },
      },
    );
    expect(withReason.status).toBe(200);
    const log = await api.call<{ items: { username: string; action: string; reason: string | null }[] }>(
      'GET',
      `/api/v1/cases/${created.body.id}/access-log`,
      { token: t['kvalitet'] },
    );
    expect(log.body.items).toContainEqual(
      expect.objectContaining({
        username: 'enhetschef',
        action: 'read_attachment',
        reason: 'Utredning av händelsen',
      }),
    );
    // kvalitet sees the case but not its protected text: not its files either
    expectProblem(
      await api.call('GET', `${path}?reason=${encodeURIComponent('Kontroll')}`, { token: t['kvalitet'] }),
      403,
      'FORBIDDEN',
    );
  });
});
