import type { Request, Response } from 'express';
import multer from 'multer';
import { ApiProblem } from '../common/problem/api-problem';

export interface Upload {
  fileName: string;
  declaredType: string;
  bytes: Buffer;
  fields: Record<string, string>;
}

export function tooLarge(maxBytes: number): ApiProblem {
  const megabytes = (maxBytes / (1024 * 1024)).toLocaleString('sv-SE', { maximumFractionDigits: 1 });
  return new ApiProblem(
    'ATTACHMENT_TOO_LARGE',
    `Filen är för stor. Största tillåtna storlek är ${megabytes} MB.`,
  );
}

/**
 * One file from a multipart/form-data body (field `file`), read into memory and cut off one byte
 * past the limit, so a too large file is refused without being read to its end.
 */
export function readUpload(request: Request, response: Response, maxBytes: number): Promise<Upload> {
  const parse = multer({
    storage: multer.memoryStorage(),
    defParamCharset: 'utf8',
    limits: { fileSize: maxBytes, files: 1, fields: 5, fieldSize: 1000, parts: 6 },
  }).single('file');
  return new Promise((resolve, reject) => {
    parse(request, response, (error: unknown) => {
      if (error instanceof multer.MulterError) {
        if (error.code === 'LIMIT_FILE_SIZE') return reject(tooLarge(maxBytes));
        return reject(
          ApiProblem.validation(
            [{ field: 'file', code: 'INVALID', message: 'Skicka en fil i fältet file.' }],
            'Skicka en fil i taget i fältet file.',
          ),
        );
      }
      if (error) {
        return reject(
          ApiProblem.validation(
            [{ field: 'file', code: 'INVALID', message: 'Filen kunde inte läsas.' }],
            'Filen kunde inte läsas; skicka den som multipart/form-data i fältet file.',
          ),
        );
      }
      const file = (
        request as Request & { file?: { originalname: string; mimetype: string; buffer: Buffer } }
      ).file;
      if (!file) {
        return reject(
          ApiProblem.validation(
            [{ field: 'file', code: 'REQUIRED', message: 'Välj en fil att bifoga.' }],
            'Välj en fil att bifoga.',
          ),
        );
      }
      const body = (request.body ?? {}) as Record<string, unknown>;
      const fields = Object.fromEntries(
        Object.entries(body).filter((entry): entry is [string, string] => typeof entry[1] === 'string'),
      );
      resolve({ fileName: file.originalname, declaredType: file.mimetype, bytes: file.buffer, fields });
    });
  });
}
