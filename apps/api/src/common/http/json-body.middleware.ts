import express from 'express';
import { ApiProblem } from '../problem/api-problem';
import type { Middleware } from './compose-middlewares';

/**
 * True when the JSON text nests objects and arrays deeper than `maxDepth`. One pass over the bytes,
 * no recursion: a bracket inside a string does not count. UTF-8 continuation bytes are never `"`,
 * `\`, `[`, `]`, `{` or `}`, so bytes can be read as they are.
 */
export function nestsDeeperThan(body: Uint8Array, maxDepth: number): boolean {
  let depth = 0;
  let inString = false;
  for (let i = 0; i < body.length; i++) {
    const byte = body[i]!;
    if (inString) {
      if (byte === 0x5c)
        i++; // backslash: skip the escaped byte
      else if (byte === 0x22) inString = false;
    } else if (byte === 0x22) {
      inString = true;
    } else if (byte === 0x7b || byte === 0x5b) {
      if (++depth > maxDepth) return true;
    } else if (byte === 0x7d || byte === 0x5d) {
      depth--;
    }
  }
  return false;
}

class TooDeepError extends Error {}

/**
 * The api's JSON body parser (issue 24): express.json with the size limit (413 past `limit` bytes,
 * counted after any Content-Encoding is undone) and a nesting limit checked on the raw bytes before
 * they are parsed — deeper is 400 VALIDATION_FAILED, so no validator or transformer ever walks a
 * body 1,500 levels deep (review L-1: class-transformer overflowed the stack → 500). Applies to
 * every route, the unauthenticated ones included.
 */
export function jsonBodyParser(options: { limit: number; maxDepth: number }): Middleware {
  const parse = express.json({
    limit: options.limit,
    type: ['application/json', 'application/*+json'],
    strict: true,
    verify: (_request, _response, body) => {
      if (nestsDeeperThan(body, options.maxDepth)) throw new TooDeepError();
    },
  });
  const detail = `Begärans JSON är nästlad djupare än ${options.maxDepth} nivåer.`;
  return (request, response, next) =>
    parse(request, response, (error?: unknown) => {
      if (error instanceof TooDeepError)
        return next(ApiProblem.validation([{ field: '', code: 'TOO_DEEP', message: detail }], detail));
      next(error);
    });
}
