import { type ArgumentMetadata, Injectable, ValidationPipe } from '@nestjs/common';
import { ApiProblem } from '../problem/api-problem';
import { unstorableTextErrors } from './storable-text';
import { toFieldErrors } from './swedish-validation-messages';

/**
 * The global ValidationPipe of api.md: unknown fields are refused (400), values are converted to the
 * DTO types, and every error becomes a problem+json with Swedish field messages.
 */
@Injectable()
export class AppValidationPipe extends ValidationPipe {
  constructor() {
    super({
      whitelist: true,
      forbidNonWhitelisted: true,
      forbidUnknownValues: true,
      transform: true,
      transformOptions: { enableImplicitConversion: false },
      validationError: { target: true, value: false },
      exceptionFactory: (errors) => ApiProblem.validation(toFieldErrors(errors)),
    });
  }

  override async transform(value: unknown, metadata: ArgumentMetadata): Promise<unknown> {
    if (metadata.type === 'body' || metadata.type === 'query') {
      const unstorable = unstorableTextErrors(value);
      if (unstorable.length > 0) throw ApiProblem.validation(unstorable);
    }
    const validates =
      metadata.metatype !== undefined &&
      ![String, Boolean, Number, Array, Object].includes(metadata.metatype as never);
    if (validates && (metadata.type === 'body' || metadata.type === 'query')) {
      if (value === undefined || value === null) value = {};
      if (typeof value !== 'object' || Array.isArray(value)) {
        throw ApiProblem.validation([
          {
            field: '',
            code: 'INVALID_TYPE',
            message:
              metadata.type === 'body'
                ? 'Begärans innehåll måste vara ett JSON-objekt.'
                : 'Ogiltiga frågeparametrar.',
          },
        ]);
      }
    }
    return super.transform(value, metadata);
  }
}
