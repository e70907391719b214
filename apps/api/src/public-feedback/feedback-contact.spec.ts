import { feedbackContactErrors, givenContact } from './feedback-contact';

describe('a citizen’s contact ways (AUD-21)', () => {
  it('accepts an answer wish with an e-mail address or a phone number', () => {
    expect(feedbackContactErrors({ email: 'anna@example.se' }, true)).toEqual([]);
    expect(feedbackContactErrors({ phone: '070-123 45 67' }, true)).toEqual([]);
    expect(feedbackContactErrors({ phone: '+46 70 123 45 67' }, true)).toEqual([]);
  });

  it('accepts no contact when no answer is wanted', () => {
    expect(feedbackContactErrors(undefined, false)).toEqual([]);
    expect(feedbackContactErrors(undefined, undefined)).toEqual([]);
  });

  it('asks for a contact way when an answer is wanted and none (or only blanks) is given', () => {
    for (const contact of [undefined, {}, { email: '  ', phone: '' }])
      expect(feedbackContactErrors(contact, true)).toEqual([
        expect.objectContaining({ field: 'contact', code: 'CONTACT_REQUIRED' }),
      ]);
  });

  it.each(['anna', 'anna@', 'anna@example', '@example.se', 'anna @example.se', 'anna@example.s'])(
    'refuses the e-mail address %p in Swedish',
    (email) => {
      const [error] = feedbackContactErrors({ email }, false);
      expect(error).toEqual({
        field: 'contact.email',
        code: 'INVALID_EMAIL',
        message: 'E-postadressen ser inte ut att stämma. Skriv den som namn@exempel.se.',
      });
    },
  );

  it.each(['ring mig', '123', '070-abc'])('refuses the phone number %p', (phone) => {
    expect(feedbackContactErrors({ phone }, false)).toEqual([
      expect.objectContaining({ field: 'contact.phone', code: 'INVALID_PHONE' }),
    ]);
  });

  it('keeps only the ways actually given, trimmed', () => {
    expect(givenContact({ email: ' anna@example.se ', phone: ' ' })).toEqual({ email: 'anna@example.se' });
    expect(givenContact({ email: '' })).toBeUndefined();
  });
});
