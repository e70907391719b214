import { ApiError, fieldMessage, messageOf } from './client';

describe('api error messages for people', () => {
  it('drops the JSON field name from a field message', () => {
    expect(
      fieldMessage({
        field: 'description',
        code: 'REQUIRED',
        message: 'Fältet description måste anges och får inte vara tomt.',
      }),
    ).toBe('Fältet måste anges och får inte vara tomt.');
    expect(
      fieldMessage({
        field: 'onBehalfOf.name',
        code: 'REQUIRED',
        message: 'Fältet onBehalfOf.name måste anges.',
      }),
    ).toBe('Fältet måste anges.');
    expect(
      fieldMessage({
        field: 'dueAt',
        code: 'IN_PAST',
        message: 'Slutdatum för åtgärden måste ligga i framtiden.',
      }),
    ).toBe('Slutdatum för åtgärden måste ligga i framtiden.');
  });

  it('shows the api detail, or points at the marked fields for a 400 with field errors', () => {
    expect(
      messageOf(
        new ApiError(409, 'INVALID_TRANSITION', 'Ärendet kan avslutas först när utredningen är registrerad.'),
      ),
    ).toBe('Ärendet kan avslutas först när utredningen är registrerad.');
    expect(
      messageOf(
        new ApiError(400, 'VALIDATION_FAILED', 'Begäran innehåller fel; se errors.', [
          { field: 'x', code: 'c', message: 'm' },
        ]),
      ),
    ).toBe('Uppgifterna behöver rättas – se de markerade fälten.');
    expect(messageOf(new TypeError('Failed to fetch'))).toBe('Ett oväntat fel inträffade.');
  });
});
