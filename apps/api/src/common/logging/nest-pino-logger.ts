import type { LoggerService } from '@nestjs/common';
import type { Logger } from '@kvalitet/runtime';

type PinoLevel = 'trace' | 'debug' | 'info' | 'warn' | 'error' | 'fatal';

/**
 * Nest's own messages (start-up, route mapping, a class's `new Logger(ctx)`) through the process's
 * pino logger, so every line on stdout is the same JSON. The last string of `optionalParams` is
 * Nest's context (the class name); an Error among them is logged as `err`.
 */
export class NestPinoLogger implements LoggerService {
  constructor(private readonly logger: Logger) {}

  readonly log = this.writerAt('info');
  readonly error = this.writerAt('error');
  readonly warn = this.writerAt('warn');
  readonly debug = this.writerAt('debug');
  readonly verbose = this.writerAt('trace');
  readonly fatal = this.writerAt('fatal');

  private writerAt(level: PinoLevel): (message: unknown, ...optionalParams: unknown[]) => void {
    return (message, ...optionalParams) => this.write(level, message, optionalParams);
  }

  private write(level: PinoLevel, message: unknown, params: unknown[]): void {
    if (!this.logger.isLevelEnabled(level)) return;
    const context =
      typeof params[params.length - 1] === 'string' ? (params[params.length - 1] as string) : undefined;
    const err = [message, ...params].find((p): p is Error => p instanceof Error);
    const text =
      message instanceof Error
        ? message.message
        : typeof message === 'string'
          ? message
          : JSON.stringify(message);
    this.logger[level]({ ...(context ? { context } : {}), ...(err ? { err } : {}) }, text);
  }
}
